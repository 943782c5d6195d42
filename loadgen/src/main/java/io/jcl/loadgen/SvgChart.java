package io.jcl.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal line chart rendered to inline SVG: axes with ticks, several series, shaded x-ranges (restart
 * windows) and native tooltips through {@code <title>}. Server-side so the report needs no script and
 * no external resource.
 */
final class SvgChart {
  static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
      "#7f7f7f", "#bcbd22", "#17becf"};

  private static final int WIDTH = 860;
  private static final int HEIGHT = 300;
  private static final int LEFT = 64;
  private static final int RIGHT = 150;
  private static final int TOP = 28;
  private static final int BOTTOM = 44;

  private record Series(String name, String color, double[] xs, double[] ys) {
  }

  private record Band(double from, double to, String label) {
  }

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private final List<Band> bands = new ArrayList<>();
  private final List<double[]> xTicks = new ArrayList<>();
  private final List<String> xTickLabels = new ArrayList<>();
  private Double yMaxFixed;

  SvgChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  SvgChart series(String name, double[] xs, double[] ys) {
    series.add(new Series(name, PALETTE[series.size() % PALETTE.length], xs, ys));
    return this;
  }

  SvgChart band(double from, double to, String label) {
    bands.add(new Band(from, to, label));
    return this;
  }

  /** Custom x tick (position in data units, label); without any, ticks are spread evenly. */
  SvgChart xTick(double x, String label) {
    xTicks.add(new double[] {x});
    xTickLabels.add(label);
    return this;
  }

  SvgChart yMax(double max) {
    this.yMaxFixed = max;
    return this;
  }

  String render(String cssClass) {
    double xMin = Double.MAX_VALUE;
    double xMax = -Double.MAX_VALUE;
    double yMax = 0;
    for (Series s : series) {
      for (int i = 0; i < s.xs.length; i++) {
        xMin = Math.min(xMin, s.xs[i]);
        xMax = Math.max(xMax, s.xs[i]);
        yMax = Math.max(yMax, s.ys[i]);
      }
    }
    for (Band b : bands) {
      xMin = Math.min(xMin, b.from);
      xMax = Math.max(xMax, b.to);
    }
    if (xMin == Double.MAX_VALUE) {
      xMin = 0;
      xMax = 1;
    }
    if (xMax <= xMin) {
      xMax = xMin + 1;
    }
    yMax = yMaxFixed != null ? yMaxFixed : niceCeiling(yMax);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    final double x0 = xMin;
    final double xSpan = xMax - xMin;
    final double yTop = yMax;

    StringBuilder b = new StringBuilder();
    b.append(f("<svg class=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">",
        cssClass, WIDTH, HEIGHT, WIDTH, HEIGHT));
    b.append(f("<title>%s</title>", esc(title)));
    b.append(f("<text x=\"%d\" y=\"18\" class=\"chart-title\">%s</text>", LEFT, esc(title)));
    for (Band band : bands) {
      double xa = LEFT + (band.from - x0) / xSpan * plotW;
      double xb = LEFT + (band.to - x0) / xSpan * plotW;
      b.append(f("<rect class=\"restart\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f4c542\" fill-opacity=\"0.35\"><title>%s</title></rect>",
          xa, TOP, Math.max(2, xb - xa), plotH, esc(band.label)));
    }
    // Axes and grid.
    b.append(f("<g stroke=\"#999\" stroke-width=\"1\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></g>",
        LEFT, TOP, LEFT, TOP + plotH, LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
    for (int i = 0; i <= 4; i++) {
      double v = yTop * i / 4;
      double y = TOP + plotH - plotH * i / 4.0;
      b.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", LEFT, y, LEFT + plotW, y));
      b.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>", LEFT - 6, y + 4, num(v)));
    }
    if (xTicks.isEmpty()) {
      for (int i = 0; i <= 5; i++) {
        double v = x0 + xSpan * i / 5;
        double x = LEFT + plotW * i / 5.0;
        b.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>", x, TOP + plotH + 16, num(v)));
      }
    } else {
      for (int i = 0; i < xTicks.size(); i++) {
        double x = LEFT + (xTicks.get(i)[0] - x0) / xSpan * plotW;
        b.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>", x, TOP, x, TOP + plotH));
        b.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>", x, TOP + plotH + 16,
            esc(xTickLabels.get(i))));
      }
    }
    b.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">%s</text>", LEFT + plotW / 2, HEIGHT - 6, esc(xLabel)));
    b.append(f("<text x=\"14\" y=\"%d\" text-anchor=\"middle\" class=\"axis\" transform=\"rotate(-90 14 %d)\">%s</text>",
        TOP + plotH / 2, TOP + plotH / 2, esc(yLabel)));
    // Series.
    int legendY = TOP + 10;
    for (Series s : series) {
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < s.xs.length; i++) {
        double x = LEFT + (s.xs[i] - x0) / xSpan * plotW;
        double y = TOP + plotH - Math.min(1, s.ys[i] / yTop) * plotH;
        points.append(f("%.1f,%.1f ", x, y));
      }
      b.append(f("<polyline class=\"series\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"><title>%s</title></polyline>",
          s.color, points.toString().trim(), esc(s.name)));
      b.append(f("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>", LEFT + plotW + 12, legendY - 4, s.color));
      b.append(f("<text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>", LEFT + plotW + 30, legendY, esc(s.name)));
      legendY += 16;
    }
    b.append("</svg>");
    return b.toString();
  }

  static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= v) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return String.valueOf((long) v);
    }
    if (Math.abs(v) >= 100) {
      return f("%.0f", v);
    }
    String s = f("%.2f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
