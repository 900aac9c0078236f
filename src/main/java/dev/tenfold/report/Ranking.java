package dev.tenfold.report;

import dev.tenfold.vocabulary.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Compare's ranking of the models across machines: does the order of the models hold from one machine to the next? */
final class Ranking {
    private Ranking() {
    }

    /**
     * Whether the ranking of the models holds across machines: per group of rows that ran two or more
     * models at the same C on every machine (same runtime, family, workload and latency), the models
     * in order of throughput on each machine, {@code >} where the intervals say so ({@link
     * Verdict#beats}) and {@code =} where they do not; it holds unless a pair is ordered one way on
     * one machine and the other way on another. A bigger machine that is faster in every model
     * keeps the ranking: throughput ratios alone would not show that.
     */
    static void append(StringBuilder out, List<List<ResultRow>> runs) {
        List<Map<String, Map<Variant, ResultRow>>> groups = runs.stream().map(Ranking::byGroup).toList();
        StringBuilder lines = new StringBuilder();
        for (String group : groups.get(0).keySet()) {
            java.util.Set<Variant> common = java.util.EnumSet.copyOf(groups.get(0).get(group).keySet());
            groups.forEach(g -> common.retainAll(g.getOrDefault(group, Map.of()).keySet()));
            if (common.size() < 2) {
                continue;
            }
            lines.append(String.format(Locale.ROOT, "  %-28s", group));
            List<String> contradictions = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                Map<Variant, ResultRow> rows = groups.get(i).get(group);
                List<Variant> order = common.stream()
                        .sorted(java.util.Comparator.comparingDouble((Variant v)
                        -> rows.get(v).throughput()).reversed()).toList();
                StringBuilder ranked = new StringBuilder(order.get(0).toString());
                for (int k = 1; k < order.size(); k++) {
                    ranked.append(Verdict.beats(rows.get(order.get(k - 1)), rows.get(order.get(k))) ? " > "
                            : " = ").append(order.get(k));
                }
                lines.append(String.format(Locale.ROOT, " [%d] %-30s", i, ranked));
                for (Variant a : common) {
                    for (Variant b : common) {
                        for (int j = i + 1; j < groups.size(); j++) {
                            if (Verdict.beats(rows.get(a), rows.get(b))
                                    && Verdict.beats(groups.get(j).get(group).get(b),
                                    groups.get(j).get(group).get(a))) {
                                contradictions.add(a + " beats " + b + " on [" + i + "], " + b + " beats " + a + " on ["
                                        + j + "]");
                            }
                        }
                    }
                }
            }
            lines.append(contradictions.isEmpty() ? " holds" : " DIFFERS: "
                    + String.join("; ", contradictions)).append('\n');
        }
        if (!lines.isEmpty()) {
            out.append("\nRanking of the models, per group measured on every machine ('>' where the intervals say so, "
                    + "'=' where they do not):\n").append(lines);
        }
    }

    /** A run's rows that a ranking compares, by group: the same runtime, family, workload, C and latency. */
    private static Map<String, Map<Variant, ResultRow>> byGroup(List<ResultRow> run) {
        Map<String, Map<Variant, ResultRow>> byGroup = new TreeMap<>();
        for (ResultRow r : run) {
            if (r.variant() == Variant.SERIAL || r.openLoop() || r.throughput() == null || r.throughput() <= 0) {
                continue;
            }
            String group = String.format(Locale.ROOT, "%s%s %s C=%s%s", r.python() ? "python " : "", r.family(),
                    r.workload(), r.concurrency() == null ? "-" : r.concurrency(),
                    r.latencyMs() == null ? "" : " L=" + r.latencyMs());
            byGroup.computeIfAbsent(group, k -> new java.util.EnumMap<>(Variant.class)).put(r.variant(), r);
        }
        return byGroup;
    }
}
