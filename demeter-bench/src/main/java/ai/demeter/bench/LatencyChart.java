package ai.demeter.bench;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The impact runs as an SVG: one panel per way, the application's write latency over time (the slowest operation
 * sent in each 100 ms, on a log scale, failures in red, a write held up over half a second drawn from when it was
 * sent to when it completed), the migration's period shaded and the baseline's p99 drawn
 * as a dashed line. Both panels share the latency axis, so their heights compare.
 */
final class LatencyChart {
    private static final int WIDTH = 900;
    private static final int PANEL_HEIGHT = 250;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TITLE = 40;
    private static final int PANEL_TOP = 30;
    private static final int PANEL_BOTTOM = 40;
    private static final long BUCKET_NANOS = 100_000_000L;
    private static final double FLOOR_MILLIS = 0.1;
    private static final long LONG_NANOS = 500_000_000L;

    /**
     * One way's run.
     *
     * @param title          the panel's heading
     * @param ops            every operation, times from {@code System.nanoTime()}
     * @param origin         the load's start: the time axis's zero
     * @param migrationStart when the migration began
     * @param migrationEnd   when it returned
     * @param baselineP99    the baseline's p99 in milliseconds
     */
    record Panel(String title, List<WriteLoad.Op> ops, long origin, long migrationStart, long migrationEnd,
            double baselineP99) {
    }

    private LatencyChart() {
    }

    static String svg(List<Panel> panels) {
        double maxMillis = panels.stream().flatMap(p -> p.ops().stream()).mapToDouble(op -> op.latencyNanos() / 1e6)
                .max().orElse(1);
        double topMillis = Math.pow(10, Math.ceil(Math.log10(Math.max(maxMillis, 1))));
        int height = TITLE + panels.size() * (PANEL_TOP + PANEL_HEIGHT + PANEL_BOTTOM) + 30;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">"
                + "Application write latency while the migration runs (slowest write sent in each 100 ms)</text>%n",
                LEFT));
        int y = TITLE;
        for (Panel panel : panels) {
            panel(svg, panel, y, topMillis);
            y += PANEL_TOP + PANEL_HEIGHT + PANEL_BOTTOM;
        }
        int legend = height - 14;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"#f28e2b\""
                + " fill-opacity=\"0.18\"/><text x=\"%d\" y=\"%d\">migration running</text>%n", LEFT, legend - 9,
                LEFT + 20, legend));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#59a14f\""
                + " stroke-dasharray=\"5 3\"/><text x=\"%d\" y=\"%d\">baseline p99</text>%n", LEFT + 160, legend - 4,
                LEFT + 180, legend - 4, LEFT + 186, legend));
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"2.5\" fill=\"#4e79a7\"/><text x=\"%d\""
                + " y=\"%d\">slowest write in 100 ms</text>%n", LEFT + 300, legend - 4, LEFT + 308, legend));
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"#e15759\"/><text x=\"%d\""
                + " y=\"%d\">a failed write</text>%n", LEFT + 470, legend - 4, LEFT + 478, legend));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, Panel panel, int top, double topMillis) {
        int plotTop = top + PANEL_TOP;
        int plotWidth = WIDTH - LEFT - RIGHT;
        long last = panel.ops().stream().mapToLong(WriteLoad.Op::endNanos).max().orElse(panel.migrationEnd());
        double seconds = Math.max(1, (last - panel.origin()) / 1e9);
        double xTop = niceCeiling(seconds);
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", LEFT,
                plotTop - 10, escape(panel.title())));
        double shadeFrom = x(panel.migrationStart(), panel.origin(), xTop, plotWidth);
        double shadeTo = x(panel.migrationEnd(), panel.origin(), xTop, plotWidth);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f28e2b\""
                + " fill-opacity=\"0.18\"/>%n", shadeFrom, plotTop, Math.max(1, shadeTo - shadeFrom), PANEL_HEIGHT));
        for (double millis = FLOOR_MILLIS; millis <= topMillis * 1.001; millis *= 10) {
            double yTick = y(millis, plotTop, topMillis);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, yTick, WIDTH - RIGHT, yTick));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, yTick + 4, millis >= 1000 ? String.format(Locale.ROOT, "%.0f s", millis / 1000)
                            : millis >= 1 ? String.format(Locale.ROOT, "%.0f ms", millis)
                            : String.format(Locale.ROOT, "%.1f ms", millis)));
        }
        int ticks = 10;
        for (int i = 0; i <= ticks; i++) {
            double at = xTop * i / ticks;
            double xTick = LEFT + plotWidth * i / (double) ticks;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    xTick, plotTop + PANEL_HEIGHT + 16, at == Math.rint(at) ? String.format(Locale.ROOT, "%.0f", at)
                            : String.format(Locale.ROOT, "%.1f", at)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds since the load"
                + " started</text>%n", LEFT + plotWidth / 2, plotTop + PANEL_HEIGHT + 32));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, plotTop, LEFT, plotTop + PANEL_HEIGHT));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, plotTop + PANEL_HEIGHT, WIDTH - RIGHT, plotTop + PANEL_HEIGHT));
        double p99 = y(panel.baselineP99(), plotTop, topMillis);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#59a14f\""
                + " stroke-dasharray=\"5 3\"/>%n", LEFT, p99, WIDTH - RIGHT, p99));
        TreeMap<Long, Double> slowest = new TreeMap<>();
        for (WriteLoad.Op op : panel.ops()) {
            slowest.merge((op.startNanos() - panel.origin()) / BUCKET_NANOS, op.latencyNanos() / 1e6, Math::max);
        }
        slowest.forEach((bucket, millis) -> svg.append(String.format(Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#4e79a7\"/>%n",
                LEFT + plotWidth * (bucket * BUCKET_NANOS / 1e9) / xTop, y(millis, plotTop, topMillis))));
        // A write held up for long also gets a line from when it was sent to when it completed: the stall's span.
        panel.ops().stream().filter(op -> op.latencyNanos() >= LONG_NANOS).forEach(op -> {
            double yOp = y(op.latencyNanos() / 1e6, plotTop, topMillis);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                    + " stroke=\"#4e79a7\" stroke-width=\"1.5\"/>%n", x(op.startNanos(), panel.origin(), xTop,
                    plotWidth), yOp, x(op.endNanos(), panel.origin(), xTop, plotWidth), yOp));
        });
        panel.ops().stream().filter(WriteLoad.Op::failed).forEach(op -> svg.append(String.format(Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#e15759\"/>%n",
                x(op.startNanos(), panel.origin(), xTop, plotWidth), y(op.latencyNanos() / 1e6, plotTop, topMillis))));
    }

    private static double x(long nanos, long origin, double xTop, int plotWidth) {
        return LEFT + plotWidth * ((nanos - origin) / 1e9) / xTop;
    }

    /** Log scale from {@link #FLOOR_MILLIS} at the bottom to {@code topMillis} at the top. */
    private static double y(double millis, int plotTop, double topMillis) {
        double span = Math.log10(topMillis / FLOOR_MILLIS);
        double at = Math.log10(Math.max(millis, FLOOR_MILLIS) / FLOOR_MILLIS) / span;
        return plotTop + PANEL_HEIGHT - PANEL_HEIGHT * Math.min(1, at);
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten at or above {@code value}, for round axis ticks. */
    private static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
