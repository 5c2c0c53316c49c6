package ai.demeter.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every part of the benchmark's report says about the run it comes from: the machine, the load average at the
 * start and the end, and how long the run took. The sections fill it in as they go.
 */
abstract class BenchReport {
    protected final BenchSettings settings;
    protected final Map<String, String> machine = new LinkedHashMap<>();
    protected String loadAtStart = "unknown";
    protected String loadAtEnd = "unknown";
    protected Duration took = Duration.ZERO;

    BenchReport(BenchSettings settings) {
        this.settings = settings;
    }

    void machine(Map<String, String> described) {
        machine.putAll(described);
    }

    void loadAtStart(String load) {
        loadAtStart = load;
    }

    void loadAtEnd(String load) {
        loadAtEnd = load;
    }

    void took(Duration duration) {
        took = duration;
    }
}
