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
package io.dra4j.bench.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartTest {
  @TempDir Path dir;

  @Test
  void writesAPngWithARowOfBarsPerMeasurement() throws Exception {
    Path file = dir.resolve("chart.png");
    DriverResult go = MarkdownReportTest.result("Go helper", 400, 1000, 40 * 1024, 0);
    DriverResult dra4j = MarkdownReportTest.result("dra4j", 200, 800, 120 * 1024, 0);

    BarChart.write(file, go, List.of(dra4j), "title");

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(BarChart.WIDTH);
    assertThat(image.getHeight()).isEqualTo(BarChart.height(2));
    // The first bar of the first row (Go's p50) starts at the label column in Go's colour.
    int goBlue = new Color(0x00, 0xAD, 0xD8).getRGB();
    assertThat(image.getRGB(302, 80)).isEqualTo(goBlue);
  }
}
