package dev.tenfold.vocabulary;

import java.util.Locale;

/** The CSV's {@code family} column: what one task is. Its name is the column's value, e.g. {@code io}. */
public enum Family {
    /** An HTTP GET against the backend's delayed JSON item. */
    IO,
    /** A CPU task in the client: SHA-256 chains, a downscale, a matrix product, a hand-off to workers. */
    CPU,
    /** Download an image, then make its thumbnail. */
    MIXED,
    /** A GET against the rate-limited or the flaky endpoint, with or without retries. */
    RESILIENCE;

    public static Family of(String name) {
        return CsvNames.of(Family.class, name, "family");
    }

    /** Its tasks wait on the network, so Little's law sets the ideal, not the cores. */
    public boolean waitsOnIo() {
        return this != CPU;
    }

    /** Its stubs (the image, the rate-limited and the flaky endpoints) exist only on the suite's own backend. */
    public boolean needsTenfoldBackend() {
        return this == MIXED || this == RESILIENCE;
    }

    /** The JMH class that runs this family, e.g. {@code IoBenchmark}, {@code PythonIoBenchmark}. */
    public String benchmarkClass(Language language) {
        return language.benchmarkClassPrefix() + name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT)
                + "Benchmark";
    }

    /** The open loop's benchmark: I/O tasks that arrive on a timer (its rows: workload {@code open-loop}). */
    public static final String OPEN_LOOP_CLASS = "OpenLoopBenchmark";

    /** The family of a benchmark class name (the inverse of {@link #benchmarkClass}). */
    public static Family ofBenchmarkClass(String className) {
        if (className.equals(OPEN_LOOP_CLASS)) {
            return IO;
        }
        String prefix = Language.ofBenchmarkClass(className).benchmarkClassPrefix();
        return of(className.substring(prefix.length()).replaceFirst("Benchmark$", "").toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
