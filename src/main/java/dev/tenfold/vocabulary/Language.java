package dev.tenfold.vocabulary;

import java.util.Locale;

/**
 * The CSV's {@code runtime} column: the language the tasks run in. Java's models, or the blog
 * post's recipe in Python, run by the benchmark classes named {@code Python...Benchmark}.
 */
public enum Language {
    JAVA(""), PYTHON("Python");

    private final String benchmarkClassPrefix;

    Language(String benchmarkClassPrefix) {
        this.benchmarkClassPrefix = benchmarkClassPrefix;
    }

    public static Language of(String name) {
        return CsvNames.of(Language.class, name, "runtime");
    }

    /** The language of a benchmark class, e.g. {@code PythonIoBenchmark} → python. */
    public static Language ofBenchmarkClass(String className) {
        return className.startsWith(PYTHON.benchmarkClassPrefix) ? PYTHON : JAVA;
    }

    /** What its benchmark classes' names start with. */
    public String benchmarkClassPrefix() {
        return benchmarkClassPrefix;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
