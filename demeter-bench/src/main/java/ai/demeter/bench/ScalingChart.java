package ai.demeter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scaling runs as an SVG bar chart: for each operation a group of bars, one per number of applied migrations,
 * the bar's height its median time, with a labelled time axis.
 */
final class ScalingChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2"};

    private ScalingChart() {
    }

    static String svg(Map<String, Map<Integer, Timings>> byOperation) {
        List<Integer> sizes = new ArrayList<>(byOperation.values().iterator().next().keySet());
        double max = byOperation.values().stream().flatMap(bySize -> bySize.values().stream())
                .mapToDouble(Timings::medianMillis).max().orElse(1);
        double top = niceCeiling(max);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">"
                + "No-op operations in-process, median time by migrations applied</text>%n", LEFT));
        int ticks = 5;
        for (int i = 0; i <= ticks; i++) {
            double value = top * i / ticks;
            double y = TOP + plotHeight - plotHeight * i / (double) ticks;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + 4, i == 0 ? "0" : Timings.number(value)));
        }
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(18 %d) rotate(-90)\" text-anchor=\"middle\">"
                + "median time (ms)</text>%n", TOP + plotHeight / 2));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, TOP, LEFT, TOP + plotHeight));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight));
        double group = plotWidth / (double) byOperation.size();
        double bar = group * 0.7 / sizes.size();
        int g = 0;
        for (Map.Entry<String, Map<Integer, Timings>> operation : byOperation.entrySet()) {
            double groupStart = LEFT + g * group + group * 0.15;
            for (int s = 0; s < sizes.size(); s++) {
                double median = operation.getValue().get(sizes.get(s)).medianMillis();
                double height = plotHeight * median / top;
                double x = groupStart + s * bar;
                double y = TOP + plotHeight - height;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                        + " fill=\"%s\"><title>%s, %d applied: %s</title></rect>%n", x, y, bar - 2, height,
                        COLOURS[s % COLOURS.length], operation.getKey(), sizes.get(s), Timings.millis(median)));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\""
                        + " font-size=\"10\">%s</text>%n", x + (bar - 2) / 2, y - 4, Timings.number(median)));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    LEFT + g * group + group / 2, TOP + plotHeight + 18, operation.getKey()));
            g++;
        }
        for (int s = 0; s < sizes.size(); s++) {
            int x = LEFT + s * 160;
            int y = HEIGHT - 22;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                    x, y - 10, COLOURS[s % COLOURS.length]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%,d migrations applied</text>%n", x + 18, y,
                    sizes.get(s)));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten at or above {@code value}, for round axis ticks. */
    private static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1e-3))));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
