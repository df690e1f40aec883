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
package io.dra4j.runtime.internal.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.runtime.internal.slices.ServerVersion;
import io.kubernetes.client.openapi.ApiException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class ServerVersionsTest {
  /** Answers with the queued results in order; a number is a minor version, else an error code. */
  private static final class Server implements ServerVersions.Reader {
    final Deque<Object> answers = new ArrayDeque<>();
    int reads;

    Server then(Object answer) {
      answers.add(answer);
      return this;
    }

    @Override
    public ServerVersion read() throws ApiException {
      reads++;
      Object a = answers.isEmpty() ? Integer.valueOf(0) : answers.poll();
      if (a instanceof ApiException e) {
        throw e;
      }
      return ServerVersion.of((Integer) a);
    }
  }

  private static ApiException error(int code) {
    return new ApiException(code, "failed");
  }

  @Test
  void theVersionIsReadOnceAndKept() throws Exception {
    Server server = new Server().then(34).then(35);
    ServerVersions versions = ServerVersions.reading("https://api", server);

    assertThat(versions.lastKnown()).isEqualTo(ServerVersion.UNKNOWN);
    assertThat(versions.current()).isEqualTo(ServerVersion.of(34));
    assertThat(versions.current()).isEqualTo(ServerVersion.of(34));
    assertThat(server.reads).isEqualTo(1);
  }

  @Test
  void aSignOfChangeMakesTheNextCallReadAgain() throws Exception {
    Server server = new Server().then(34).then(35);
    ServerVersions versions = ServerVersions.reading("https://api", server);
    versions.current();

    versions.mayHaveChanged();

    assertThat(versions.lastKnown()).isEqualTo(ServerVersion.of(34));
    assertThat(versions.current()).isEqualTo(ServerVersion.of(35));
    assertThat(versions.current()).isEqualTo(ServerVersion.of(35));
    assertThat(server.reads).isEqualTo(2);
  }

  @Test
  void anUnreachableServerAfterASignOfChangeFailsTheCallUntilItAnswers() throws Exception {
    Server server = new Server().then(34).then(error(0)).then(error(503)).then(35);
    ServerVersions versions = ServerVersions.reading("https://api", server);
    versions.current();
    versions.mayHaveChanged();

    assertThatThrownBy(versions::current).isInstanceOf(ApiException.class);
    assertThatThrownBy(versions::current).isInstanceOf(ApiException.class);
    assertThat(versions.current()).isEqualTo(ServerVersion.of(35));
  }

  @Test
  void aRefusedReadKeepsTheKnownVersionInsteadOfBlocking() throws Exception {
    Server server = new Server().then(34).then(error(403)).then(36);
    ServerVersions versions = ServerVersions.reading("https://api", server);
    versions.current();
    versions.mayHaveChanged();

    assertThat(versions.current()).isEqualTo(ServerVersion.of(34));
    assertThat(versions.current()).isEqualTo(ServerVersion.of(34));
    assertThat(server.reads).isEqualTo(2);
  }

  @Test
  void aServerThatCannotBeReachedAtFirstIsUnknownAndAskedAgain() throws Exception {
    Server server = new Server().then(error(0)).then(35);
    ServerVersions versions = ServerVersions.reading("https://api", server);

    assertThat(versions.current()).isEqualTo(ServerVersion.UNKNOWN);
    assertThat(versions.current()).isEqualTo(ServerVersion.of(35));
  }

  @Test
  void aFixedVersionNeverAsksAndIgnoresSignsOfChange() throws Exception {
    ServerVersions versions = ServerVersions.fixed(ServerVersion.of(34));
    versions.mayHaveChanged();

    assertThat(versions.current()).isEqualTo(ServerVersion.of(34));
    assertThat(versions.lastKnown()).isEqualTo(ServerVersion.of(34));
  }
}
