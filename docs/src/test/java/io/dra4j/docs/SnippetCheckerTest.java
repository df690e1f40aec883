/*
 * Copyright 2026 The dra4j Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.dra4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnippetCheckerTest {
  private static final String MARKER = "<!-- snippet: src/Hello.java#hello -->";
  private static final String REGION = "void hello() {\n  say(\"hi\");\n}";

  @TempDir Path root;
  private SnippetChecker checker;

  @BeforeEach
  void writeSource() throws IOException {
    Files.createDirectories(root.resolve("src"));
    Files.writeString(
        root.resolve("src/Hello.java"),
        String.join(
            "\n",
            "class Hello {",
            "  // snippet:hello",
            "  void hello() {",
            "    say(\"hi\");",
            "  }",
            "  // end:hello",
            "",
            "  // snippet:unclosed",
            "  void bye() {}",
            "}",
            ""));
    checker = new SnippetChecker(new SourceRegions(root));
  }

  private static String guide(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private List<String> check(String text) {
    return checker.check("guide.md", text);
  }

  @Test
  void aBlockThatMatchesItsRegionPasses() {
    String text = guide("# Hello", "", MARKER, "```java", REGION, "```", "", "The end.");

    assertThat(check(text)).isEmpty();
    assertThat(SnippetChecker.count(text)).isEqualTo(1);
  }

  @Test
  void anEmptySnippetBlockFails() {
    assertThat(check(guide(MARKER, "```java", "```")))
        .singleElement()
        .asString()
        .contains("guide.md: line 1: snippet src/Hello.java#hello", "is empty", "-Ddocs.fix=true");
  }

  @Test
  void aBlockThatDiffersFromItsRegionFailsShowingTheRegion() {
    assertThat(check(guide(MARKER, "```java", "void hello() {}", "```")))
        .singleElement()
        .asString()
        .contains("differs from the source region", REGION);
  }

  @Test
  void aMarkerWithoutACodeBlockFails() {
    assertThat(check(guide(MARKER, "", "Some prose instead of code.")))
        .singleElement()
        .asString()
        .contains("line 1", "snippet marker without a code block");
  }

  @Test
  void aMarkerAtTheEndOfTheGuideFails() {
    assertThat(check(guide("text", MARKER)))
        .singleElement()
        .asString()
        .contains("line 2", "snippet marker without a code block");
  }

  @Test
  void aMalformedMarkerFails() {
    assertThat(check(guide("<!-- snippet: src/Hello.java -->", "```java", REGION, "```")))
        .singleElement()
        .asString()
        .contains("line 1", "malformed snippet marker", "#region");
  }

  @Test
  void anUnclosedBlockFails() {
    assertThat(check(guide(MARKER, "```java", REGION, "", "## Next section", "More text.")))
        .singleElement()
        .asString()
        .contains("line 2", "never closed");
  }

  @Test
  void aFenceWithALanguageWhereTheClosingFenceBelongsFails() {
    // The way a snippet ran into the next block: its closing fence became an opening one.
    String text = guide(MARKER, "```java", REGION, "```bash", "java -cp app.jar Main", "```");

    assertThat(check(text))
        .singleElement()
        .asString()
        .contains("line 6", "fence '```bash'", "code block opened at line 2", "bare ```");
  }

  @Test
  void aStrayFenceInAPlainCodeBlockFails() {
    assertThat(check(guide("```xml", "<a/>", "```java", "```")))
        .singleElement()
        .asString()
        .contains("line 3", "fence '```java'");
  }

  @Test
  void aRegionThatDoesNotExistFailsListingTheRegionsThere() {
    String text = guide("<!-- snippet: src/Hello.java#nope -->", "```java", REGION, "```");

    assertThat(check(text))
        .singleElement()
        .asString()
        .contains("has no region 'nope'", "regions there: hello, unclosed");
  }

  @Test
  void aRegionWithoutItsEndMarkerFails() {
    String text = guide("<!-- snippet: src/Hello.java#unclosed -->", "```java", "x", "```");

    assertThat(check(text))
        .singleElement()
        .asString()
        .contains("never closes it", "// end:unclosed");
  }

  @Test
  void aSourceThatDoesNotExistFails() {
    String text = guide("<!-- snippet: src/Gone.java#hello -->", "```java", REGION, "```");

    assertThat(check(text)).singleElement().asString().contains("src/Gone.java does not exist");
  }

  @Test
  void refreshFillsAnEmptyBlockAndKeepsEverythingAfterIt() {
    String after = guide("", "## 3. Test it", "", "```java", "test();", "```", "", "## 4. Run it");
    String text = guide("## 2. Write it", "", MARKER, "```java", "```") + after;

    String refreshed = checker.refresh(text);

    assertThat(refreshed)
        .isEqualTo(guide("## 2. Write it", "", MARKER, "```java", REGION, "```") + after);
    assertThat(check(refreshed)).isEmpty();
  }

  @Test
  void refreshReplacesOnlyTheLinesBetweenTheFences() {
    String text = guide("intro", MARKER, "```java", "old();", "```", "outro");

    assertThat(checker.refresh(text))
        .isEqualTo(guide("intro", MARKER, "```java", REGION, "```", "outro"));
  }

  @Test
  void refreshLeavesABrokenGuideAsItIs() {
    String text = guide(MARKER, "```java", "```bash", "run", "```", "## Lost?", "no");

    assertThat(checker.refresh(text)).isEqualTo(text);
  }

  @Test
  void refreshLeavesABlockWithAMissingRegionAsItIs() {
    String text = guide("<!-- snippet: src/Hello.java#nope -->", "```java", "kept", "```");

    assertThat(checker.refresh(text)).isEqualTo(text);
  }
}
