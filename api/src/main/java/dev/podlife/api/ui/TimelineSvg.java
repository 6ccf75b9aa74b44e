package dev.podlife.api.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Draws a {@link Timeline} as inline SVG: a time axis, the pod lane, then one lane per container.
 */
final class TimelineSvg {
  static final int WIDTH = 1180;
  private static final int LABEL = 170;
  private static final int RIGHT = 20;
  private static final int AXIS = 34;
  private static final int LANE = 46;
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Timeline timeline;
  private final StringBuilder out = new StringBuilder();

  private TimelineSvg(Timeline timeline) {
    this.timeline = timeline;
  }

  static String render(Timeline timeline) {
    return new TimelineSvg(timeline).draw();
  }

  private double x(Instant at) {
    double total = Duration.between(timeline.start(), timeline.end()).toMillis();
    double offset = Duration.between(timeline.start(), at).toMillis();
    return LABEL + Math.max(0, Math.min(1, offset / total)) * (WIDTH - LABEL - RIGHT);
  }

  private String draw() {
    int lanes = timeline.lanes().size() + 1;
    int height = AXIS + lanes * LANE + 10;
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"pod timeline\">\n");
    out.append("<rect x=\"0\" y=\"0\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" fill=\"#ffffff\"/>\n");
    axis(height);
    if (timeline.deletionRequestedAt() != null) {
      Instant graceEnd =
          timeline.graceEndsAt() == null ? timeline.deletionRequestedAt() : timeline.graceEndsAt();
      // the window closes early when the pod is gone before its grace period ends
      Instant drawnEnd =
          timeline.deletedAt() != null && timeline.deletedAt().isBefore(graceEnd)
              ? timeline.deletedAt()
              : graceEnd;
      long grace = Duration.between(timeline.deletionRequestedAt(), graceEnd).toSeconds();
      long used = Duration.between(timeline.deletionRequestedAt(), drawnEnd).toMillis();
      double from = x(timeline.deletionRequestedAt());
      double to = x(drawnEnd);
      rect(
          from,
          AXIS,
          Math.max(1, to - from),
          lanes * LANE,
          "#fff1dc",
          "grace period " + grace + "s: " + timeline.deletionRequestedAt() + " → " + graceEnd);
      text(from + 3, height - 4, "grace " + grace + "s, used " + seconds(used));
      line(
          from,
          AXIS - 6,
          height,
          "#d9822b",
          "4 3",
          "deletion requested " + timeline.deletionRequestedAt());
    }
    if (timeline.deletedAt() != null) {
      line(
          x(timeline.deletedAt()),
          AXIS - 6,
          height,
          "#8a1c1c",
          null,
          "pod deleted " + timeline.deletedAt());
    }
    int y = AXIS;
    laneLabel(y, "Pod", "phase, Ready");
    for (Timeline.Span span : timeline.podReady()) {
      bar(span, y + 14, 14, "#2e9d57", "Ready " + span.from() + " → " + span.to());
    }
    for (Timeline.Marker marker : timeline.podMarkers()) {
      marker(marker, y + 21);
    }
    for (Timeline.Lane lane : timeline.lanes()) {
      y += LANE;
      out.append("<line x1=\"0\" x2=\"")
          .append(WIDTH)
          .append("\" y1=\"")
          .append(y)
          .append("\" y2=\"")
          .append(y)
          .append("\" stroke=\"#e3e6ec\"/>\n");
      laneLabel(y, lane.container(), lane.kind().name().toLowerCase(Locale.ROOT));
      for (Timeline.Span span : lane.spans()) {
        switch (span.kind()) {
          case "waiting" -> bar(span, y + 12, 16, "#c9ced8", span.label());
          case "ready" ->
              bar(span, y + 31, 5, "#2e9d57", "container ready " + span.from() + " → " + span.to());
          case "failed-run" -> bar(span, y + 12, 16, "#d64545", span.label());
          case "init-run" -> bar(span, y + 12, 16, "#8a63d2", span.label());
          default -> bar(span, y + 12, 16, "#3b7dd8", span.label());
        }
        if (!span.kind().equals("ready")) {
          double w = x(span.to()) - x(span.from());
          if (w > 60) {
            text(x(span.from()) + 4, y + 24, clip(span.label(), (int) (w / 6.5)), "#ffffff");
          }
        }
      }
      for (Timeline.Marker marker : lane.markers()) {
        marker(marker, y + 20);
      }
    }
    out.append("</svg>\n");
    return out.toString();
  }

  private void axis(int height) {
    Duration total = Duration.between(timeline.start(), timeline.end());
    long step = niceStep(total.toMillis() / 8);
    text(4, 14, CLOCK.format(timeline.start()) + " UTC");
    for (long t = 0; t <= total.toMillis(); t += step) {
      Instant at = timeline.start().plusMillis(t);
      double px = x(at);
      out.append("<line x1=\"")
          .append(fmt(px))
          .append("\" x2=\"")
          .append(fmt(px))
          .append("\" y1=\"")
          .append(AXIS - 8)
          .append("\" y2=\"")
          .append(height)
          .append("\" stroke=\"#f0f2f5\"/>\n");
      text(px - 10, AXIS - 12, "+" + seconds(t));
    }
  }

  private static long niceStep(long raw) {
    long[] steps = {
      100,
      250,
      500,
      1000,
      2000,
      5000,
      10_000,
      15_000,
      30_000,
      60_000,
      120_000,
      300_000,
      600_000,
      900_000,
      1_800_000,
      3_600_000,
      7_200_000,
      21_600_000,
      43_200_000,
      86_400_000
    };
    for (long step : steps) {
      if (step >= raw) {
        return step;
      }
    }
    return Math.max(raw, 1);
  }

  private static String seconds(long millis) {
    if (millis % 1000 != 0) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long s = millis / 1000;
    return s >= 3600 && s % 60 == 0
        ? (s / 3600) + "h" + (s % 3600 / 60 == 0 ? "" : (s % 3600 / 60) + "m")
        : s >= 120 && s % 60 == 0 ? (s / 60) + "m" : s + "s";
  }

  private void laneLabel(int y, String name, String kind) {
    text(8, y + 20, name);
    out.append("<text x=\"8\" y=\"")
        .append(y + 34)
        .append("\" style=\"fill:#7a8396;font-size:10px\">")
        .append(Html.escape(kind))
        .append("</text>\n");
  }

  private void bar(Timeline.Span span, int y, int h, String color, String title) {
    double from = x(span.from());
    double w = Math.max(2, x(span.to()) - from);
    rect(from, y, w, h, color, title);
  }

  private void rect(double x, double y, double w, double h, String color, String title) {
    out.append("<rect x=\"")
        .append(fmt(x))
        .append("\" y=\"")
        .append(fmt(y))
        .append("\" width=\"")
        .append(fmt(w))
        .append("\" height=\"")
        .append(fmt(h))
        .append("\" fill=\"")
        .append(color)
        .append("\" rx=\"2\"><title>")
        .append(Html.escape(title))
        .append("</title></rect>\n");
  }

  private void line(double x, double y1, double y2, String color, String dash, String title) {
    out.append("<line x1=\"")
        .append(fmt(x))
        .append("\" x2=\"")
        .append(fmt(x))
        .append("\" y1=\"")
        .append(fmt(y1))
        .append("\" y2=\"")
        .append(fmt(y2))
        .append("\" stroke=\"")
        .append(color)
        .append("\" stroke-width=\"2\"");
    if (dash != null) {
      out.append(" stroke-dasharray=\"").append(dash).append('"');
    }
    out.append("><title>").append(Html.escape(title)).append("</title></line>\n");
  }

  private void marker(Timeline.Marker marker, int cy) {
    double cx = x(marker.at());
    String color =
        switch (marker.kind()) {
          case "probe" -> "#e0a100";
          case "hook" -> "#1b998b";
          case "hook-failure", "kill" -> "#b3261e";
          case "restart" -> "#6b4fbb";
          case "delete" -> "#d9822b";
          case "exit" -> "#1d2330";
          default -> "#5b6475";
        };
    String title = Html.escape(marker.at() + "  " + marker.label());
    switch (marker.kind()) {
      case "hook" ->
          out.append("<rect x=\"")
              .append(fmt(cx - 5))
              .append("\" y=\"")
              .append(cy - 5)
              .append("\" width=\"10\" height=\"10\" transform=\"rotate(45 ")
              .append(fmt(cx))
              .append(' ')
              .append(cy)
              .append(")\" fill=\"")
              .append(color)
              .append("\" stroke=\"#fff\"><title>")
              .append(title)
              .append("</title></rect>\n");
      case "probe" ->
          out.append("<path d=\"M")
              .append(fmt(cx))
              .append(' ')
              .append(cy - 7)
              .append(" l6 11 h-12 z\" fill=\"")
              .append(color)
              .append("\" stroke=\"#fff\"><title>")
              .append(title)
              .append("</title></path>\n");
      default ->
          out.append("<circle cx=\"")
              .append(fmt(cx))
              .append("\" cy=\"")
              .append(cy)
              .append("\" r=\"5\" fill=\"")
              .append(color)
              .append("\" stroke=\"#fff\"><title>")
              .append(title)
              .append("</title></circle>\n");
    }
  }

  private void text(double x, double y, String text) {
    text(x, y, text, null);
  }

  private void text(double x, double y, String text, String color) {
    out.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append('"');
    if (color != null) {
      out.append(" style=\"fill:").append(color).append('"');
    }
    out.append('>').append(Html.escape(text)).append("</text>\n");
  }

  private static String clip(String text, int chars) {
    return text.length() <= chars ? text : text.substring(0, Math.max(1, chars - 1)) + "…";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
