package dev.tenfold.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenfold.measure.LatencyLog;
import dev.tenfold.measure.Metric;
import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Language;
import dev.tenfold.vocabulary.Variant;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One run from JMH's JSON output ({@code -rf json}), reduced to what the report needs. Runtime,
 * family and variant come from the benchmark name: {@code dev.tenfold.bench.IoBenchmark.onePool} is
 * runtime {@code java}, family {@code io}, variant {@code one-pool};
 * {@code dev.tenfold.bench.PythonIoBenchmark.asyncio} is runtime {@code python}, family {@code io}. {@code raw} keeps
 * every measured iteration, per fork, of
 * the primary metric (key {@link #PRIMARY}) and of each secondary one: the samples the statistics
 * are computed from. {@code latency}: every measured task's latency in nanoseconds, all forks, from
 * the run's {@link LatencyLog} (directory {@code A/} beside {@code A.json}), and {@code backendLatency}
 * the backend's own time per admitted response in the same windows; null without them.
 */
public record JmhRun(Language runtime, Family family, Variant variant, Map<String, String> params, double score,
        double scoreError,
                     Map<String, Double> secondary, Map<String, List<double[]>> raw, List<String> jvmArgs,
                     Histogram latency,
                     Histogram backendLatency) {

    /** The key of the primary metric (batches per second) in {@link #raw}. */
    public static final String PRIMARY = "primary";

    public static List<JmhRun> read(Path json) throws IOException {
        Path logs = LatencyLog.directoryBeside(json);
        List<JmhRun> runs = new ArrayList<>();
        for (JsonNode run : new ObjectMapper().readTree(json.toFile())) {
            String benchmark = run.path("benchmark").asText();
            int lastDot = benchmark.lastIndexOf('.');
            String className = benchmark.substring(benchmark.lastIndexOf('.', lastDot - 1) + 1, lastDot);
            Language runtime = Language.ofBenchmarkClass(className);
            Family family = Family.ofBenchmarkClass(className);
            Variant variant = Variant.ofBenchmarkMethod(benchmark.substring(lastDot + 1));
            Map<String, String> params = new HashMap<>();
            run.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            Map<String, Double> secondary = new HashMap<>();
            Map<String, List<double[]>> raw = new HashMap<>();
            run.path("secondaryMetrics").fields().forEachRemaining(e -> {
                secondary.put(e.getKey(), number(e.getValue().path("score")));
                raw.put(e.getKey(), perFork(e.getValue().path("rawData")));
            });
            JsonNode primary = run.path("primaryMetric");
            raw.put(PRIMARY, perFork(primary.path("rawData")));
            List<String> jvmArgs = new ArrayList<>();
            run.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
            Path log = logs.resolve(LatencyLog.fileName(benchmark, params));
            runs.add(new JmhRun(runtime, family, variant, params, number(primary.path("score")),
                    number(primary.path("scoreError")),
                    secondary, raw, jvmArgs, LatencyLog.readMerged(log, null),
                    LatencyLog.readMerged(log, LatencyLog.BACKEND_TAG)));
        }
        return runs;
    }

    /** rawData: one array per fork, one number per measured iteration. */
    private static List<double[]> perFork(JsonNode rawData) {
        List<double[]> forks = new ArrayList<>();
        for (JsonNode fork : rawData) {
            double[] iterations = new double[fork.size()];
            for (int i = 0; i < iterations.length; i++) {
                iterations[i] = number(fork.get(i));
            }
            forks.add(iterations);
        }
        return forks;
    }

    /** JMH writes "NaN" (a string) for an error it cannot compute, e.g. from one iteration. */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    Integer intParam(String name) {
        String v = params.get(name);
        return v == null || v.isBlank() ? null : Integer.valueOf(v);
    }

    Double metric(Metric metric) {
        Double v = secondary.get(metric.key());
        return v == null || v.isNaN() ? null : v;
    }

    /** The per-iteration values of a metric, per fork; empty when it was not recorded. */
    List<double[]> rawOf(String name) {
        return raw.getOrDefault(name, List.of());
    }
}
