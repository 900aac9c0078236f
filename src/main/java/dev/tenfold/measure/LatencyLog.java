package dev.tenfold.measure;

import dev.tenfold.ledger.TrialLedger;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * One HdrHistogram interval log per result row: every measured window of every fork of one
 * benchmark x parameter set, in HdrHistogram's own log format (what HistogramLogProcessor,
 * HistogramLogAnalyzer and the HdrHistogram plotter read). Values are nanoseconds; timestamps
 * are seconds since the epoch (base time 0), so the forks, appended one after the other, keep
 * their order and the gaps between them. {@code HistogramLogProcessor -i FILE
 * -outputValueUnitRatio 1000000} prints the percentiles in milliseconds.
 *
 * <p>The forks write it ({@link WindowProfiler}, into the directory of system property {@value
 * #DIRECTORY_PROPERTY}); the report reads it back by the same name ({@link #fileName}).
 */
public final class LatencyLog {
    /** System property: the directory the forks write their logs to; none written without it. */
    public static final String DIRECTORY_PROPERTY = "tenfold.latency.dir";
    /**
     * The tag of the backend's own times per admitted response, one interval per window beside the
     * tasks' (untagged, which HdrHistogram's tools read by default; {@code -tag backend} for these).
     */
    public static final String BACKEND_TAG = "backend";

    private LatencyLog() {
    }

    /**
     * The log's file name for a benchmark ({@code dev.tenfold.bench.IoBenchmark.platform}) and
     * its parameters: {@code IoBenchmark.platform_concurrency=10_latencyMs=50_....hlog}, the
     * parameters sorted by name, anything but letters, digits and {@code =.-} made {@code -}.
     */
    public static String fileName(String benchmark, Map<String, String> params) {
        int method = benchmark.lastIndexOf('.');
        StringBuilder name = new StringBuilder(benchmark.substring(benchmark.lastIndexOf('.', method - 1) + 1));
        new TreeMap<>(params).forEach((key, value) -> name.append('_').append(key).append('=').append(value));
        return name.toString().replaceAll("[^A-Za-z0-9=._-]", "-") + ".hlog";
    }

    /** The folder of a run's logs: beside its CSV or JMH JSON, named as the file without its extension. */
    public static Path directoryBeside(Path resultFile) {
        return resultFile.resolveSibling(resultFile.getFileName().toString().replaceAll("\\.(csv|json)$", ""));
    }

    /** Appends one window's histogram to {@code file}, writing the log's header first when the file is new. */
    public static void append(Path file, Histogram window) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            write(new FileOutputStream(file.toFile(), true), window, fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the latency log " + file, e);
        }
    }

    /** Encodes {@code window} as {@link #append} does, into nothing: the warm-up's rehearsal of a window's end. */
    public static void encode(Histogram window) {
        write(OutputStream.nullOutputStream(), window, false);
    }

    private static void write(OutputStream sink, Histogram window, boolean fresh) {
        try (PrintStream out = new PrintStream(sink, false, StandardCharsets.US_ASCII)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.setBaseTime(0);
            if (fresh) {
                writer.outputLogFormatVersion();
                writer.outputComment("tenfold: task latency in nanoseconds, one interval per measured window,"
                        + " forks one after the other; tagged " + BACKEND_TAG
                        + ": the backend's own time per admitted response");
                writer.outputStartTime(window.getStartTimeStamp());
                writer.outputBaseTime(0);
                writer.outputLegend();
            }
            writer.outputIntervalHistogram(window);
        }
    }

    /**
     * Every interval of the log at {@code file} with this tag (null: the untagged ones, the tasks')
     * added into one histogram; null when there is no such file or no such interval.
     */
    public static Histogram readMerged(Path file, String tag) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            HistogramLogReader reader = new HistogramLogReader(file.toFile());
            Histogram merged = new Histogram(TrialLedger.SIGNIFICANT_DIGITS);
            for (EncodableHistogram interval = reader.nextIntervalHistogram(); interval != null;
                    interval = reader.nextIntervalHistogram()) {
                if (java.util.Objects.equals(interval.getTag(), tag)) {
                    merged.add((Histogram) interval);
                }
            }
            return merged.getTotalCount() == 0 ? null : merged;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the latency log " + file, e);
        }
    }
}
