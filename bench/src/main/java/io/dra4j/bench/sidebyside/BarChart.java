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

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Draws the side-by-side results as a PNG with plain AWT (headless): one row per measurement, one
 * horizontal bar per driver scaled to the row's largest value, each labelled with its value and,
 * for dra4j, its ratio to Go.
 */
final class BarChart {
  static final int WIDTH = 1200;
  private static final int ROW = 26;
  private static final int BAR = 20;
  private static final int GAP = 16;
  private static final int TOP = 70;
  private static final int LABEL_WIDTH = 300;
  private static final int VALUE_WIDTH = 250;
  private static final Color[] COLORS = {
    new Color(0x00, 0xAD, 0xD8), new Color(0xE7, 0x6F, 0x00), new Color(0xF4, 0xB0, 0x6B)
  };

  private BarChart() {}

  /** The image height for {@code drivers} drivers. */
  static int height(int drivers) {
    return TOP + Metric.all().size() * (drivers * ROW + GAP) + 20;
  }

  private static String verdict(Metric m, double ratio) {
    return m.target().map(t -> t.met(ratio) ? ", target met" : ", target missed").orElse("");
  }

  /** Writes the chart of {@code go} and the {@code dra4j} results to {@code file}. */
  static void write(Path file, DriverResult go, List<DriverResult> dra4j, String title)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<DriverResult> all = new ArrayList<>();
    all.add(go);
    all.addAll(dra4j);
    BufferedImage image = new BufferedImage(WIDTH, height(all.size()), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
      g.drawString(title, 20, 30);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      int lx = 20;
      for (int i = 0; i < all.size(); i++) {
        g.setColor(COLORS[i % COLORS.length]);
        g.fillRect(lx, 44, 14, 14);
        g.setColor(Color.BLACK);
        g.drawString(all.get(i).label(), lx + 20, 56);
        lx += 40 + g.getFontMetrics().stringWidth(all.get(i).label());
      }
      int barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 40;
      int y = TOP;
      for (Metric m : Metric.all()) {
        double max = all.stream().mapToDouble(r -> m.value().applyAsDouble(r)).max().orElse(0);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(m.name(), 20, y + ROW * all.size() / 2 + 5);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < all.size(); i++) {
          DriverResult r = all.get(i);
          double v = m.value().applyAsDouble(r);
          int w = max <= 0 ? 0 : (int) Math.round(barSpace * v / max);
          int by = y + i * ROW;
          g.setColor(COLORS[i % COLORS.length]);
          g.fillRect(LABEL_WIDTH, by, Math.max(w, v > 0 ? 1 : 0), BAR);
          g.setColor(Color.DARK_GRAY);
          String text = m.print(r);
          if (i > 0) {
            Optional<Double> ratio = m.ratio(r, go);
            if (ratio.isPresent()) {
              text +=
                  String.format(
                      " (%s x Go%s)", Metric.format(ratio.get(), 2), verdict(m, ratio.get()));
            }
          }
          g.drawString(text, LABEL_WIDTH + w + 8, by + BAR - 5);
        }
        y += all.size() * ROW + GAP;
        g.setColor(new Color(0xDD, 0xDD, 0xDD));
        g.setStroke(new BasicStroke(1));
        g.drawLine(20, y - GAP / 2, WIDTH - 20, y - GAP / 2);
      }
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available to write " + file);
    }
  }
}
