package dev.tenfold.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** One JMH run of the plan: a benchmark method and the single value of each of its parameters. */
record PlanItem(String family, String variant, Map<String, String> params) {

    PlanItem {
        params = Map.copyOf(new LinkedHashMap<>(params));
    }

    /** The JMH benchmark name: family {@code io}, variant {@code one-pool} → {@code ...IoBenchmark.onePool}. */
    String benchmark() {
        String method = variant.contains("-")
                ? java.util.Arrays.stream(variant.split("-"))
                        .map(part -> part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1))
                        .collect(Collectors.joining())
                : variant;
        method = Character.toLowerCase(method.charAt(0)) + method.substring(1);
        return "dev.tenfold.bench." + Character.toUpperCase(family.charAt(0)) + family.substring(1)
                + "Benchmark." + method;
    }

    /** What --include matches against, e.g. {@code io/virtual}. */
    String id() {
        return family + "/" + variant;
    }

    String describe() {
        return id() + " " + new java.util.TreeMap<>(params).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
