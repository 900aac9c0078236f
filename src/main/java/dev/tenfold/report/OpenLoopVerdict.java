package dev.tenfold.report;

import static dev.tenfold.report.VerdictText.num;
import static dev.tenfold.report.VerdictText.withError;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The open loop's section: per model, the rates it was offered, what it completed, its latency
 * from each task's intended start, and where it broke; then the article's "10-100 in flight"
 * read as the arrival rates Little's law lets it carry.
 */
final class OpenLoopVerdict {
    private OpenLoopVerdict() {
    }

    static void render(StringBuilder out, List<ResultRow> rows) {
        List<ResultRow> open = rows.stream().filter(ResultRow::openLoop).toList();
        if (open.isEmpty()) {
            return;
        }
        Map<Integer, List<ResultRow>> byLatency = open.stream().collect(Collectors.groupingBy(
                r -> r.latencyMs() == null ? 0 : r.latencyMs(), LinkedHashMap::new, Collectors.toList()));
        byLatency.forEach((latency, group) -> renderLatency(out, latency, group));
    }

    private static void renderLatency(StringBuilder out, int latencyMs, List<ResultRow> group) {
        out.append(String.format(Locale.ROOT, "%n== open loop: io / %d ms: tasks arrive at the offered rate;"
                + " latency from each task's intended start; SLO p99 <= %s ms ==%n", latencyMs, group.get(0).sloMs()));
        out.append(String.format(Locale.ROOT, "%-9s %6s %9s %20s %8s %8s %9s %8s %6s  %-12s %-10s %s%n",
                "variant", "C", "offered/s", "achieved/s ± 99% CI", "p50 ms", "p99 ms", "p99.9 ms", "waiting", "cpu",
                "bound", "overloaded",
                "notes"));
        Map<String, List<ResultRow>> byModel = group.stream()
                .sorted(Comparator.comparing(ResultRow::variant).thenComparing(ResultRow::concurrency)
                        .thenComparing(ResultRow::offeredRate))
                .collect(Collectors.groupingBy(r -> r.variant() + " C=" + r.concurrency(), LinkedHashMap::new,
                Collectors.toList()));
        for (List<ResultRow> model : byModel.values()) {
            for (ResultRow r : model) {
                out.append(String.format(Locale.ROOT, "%-9s %6s %9s %20s %8s %8s %9s %8s %6s  %-12s %-10s %s%n",
                        r.variant(), r.concurrency(), num(r.offeredRate(), 0), withError(r), num(r.latencyP50Ms(), 1),
                        num(r.latencyP99Ms(), 1), num(r.latencyP999Ms(), 1), num(r.waiting(), 0),
                        VerdictText.pct(r.cpuShare()), r.bound() == null ? "" : r.bound(), r.overloaded(),
                        VerdictText.notes(r)));
            }
        }
        byModel.forEach((name, model) -> out.append("  ").append(name).append(": ").append(knee(model,
                latencyMs)).append('\n'));
        out.append(String.format(Locale.ROOT,
                "  the article's \"10-100 in flight\": at L = %d ms, 10 in flight carry at most %s/s and"
                        + " 100 at most %s/s (Little's law, C / L), whatever the model; an arrival rate above that"
                        + " needs more in flight, or its queue (and every task's latency) grows for as long as it"
                        + " lasts%n",
                latencyMs, num(10 * 1000.0 / latencyMs, 0), num(100 * 1000.0 / latencyMs, 0)));
    }

    /**
     * The highest rate a model sustained within the SLO, what that needs by Little's law, and what happened past it.
     */
    static String knee(List<ResultRow> byRate, int latencyMs) {
        ResultRow sustained = byRate.stream().filter(r -> "no".equals(r.overloaded())).reduce((a, b) -> b).orElse(null);
        ResultRow broke = byRate.stream().filter(r -> "yes".equals(r.overloaded())
                && (sustained == null || r.offeredRate() > sustained.offeredRate())).findFirst().orElse(null);
        ResultRow first = byRate.get(0);
        int c = first.variant().threadsInUse(first.concurrency(), first.workers()); // a worker JVM holds one task
        StringBuilder text = new StringBuilder();
        if (sustained == null) {
            text.append("overloaded at every rate offered");
        } else {
            text.append(String.format(Locale.ROOT,
                    "sustains %s/s within the SLO (p99 %s ms; Little's law: %s/s x %d ms = %s in flight,"
                            + " of its %d; capacity C / L = %s/s)", num(sustained.offeredRate(), 0),
                            num(sustained.latencyP99Ms(), 1),
                    num(sustained.offeredRate(), 0), latencyMs, num(sustained.offeredRate() * latencyMs / 1000.0, 1), c,
                    num(c * 1000.0 / latencyMs, 0)));
        }
        if (broke != null) {
            text.append(String.format(Locale.ROOT,
                    "; at %s/s OVERLOADED (%s): completes %s/s, %s waiting at the end, p99 %s ms%s%s",
                    num(broke.offeredRate(), 0), whyOf(broke), num(broke.achievedRate(), 0), num(broke.waiting(), 0),
                    num(broke.latencyP99Ms(), 0), broke.backendLatencyP99Ms() == null ? ""
                            : " against the backend's own p99 " + num(broke.backendLatencyP99Ms(), 1)
                            + " ms (the rest is the client's queue)",
                    broke.bound() == null ? "" : ", bound " + broke.bound()));
        } else if (sustained != null) {
            text.append("; never overloaded in this sweep");
        }
        return text.toString();
    }

    /** Why a row counts as overloaded, from its columns. */
    private static String whyOf(ResultRow r) {
        boolean slow = r.latencyP99Ms() != null && r.sloMs() != null && r.latencyP99Ms() > r.sloMs();
        boolean behind = r.achievedRate() != null && r.offeredRate() != null
                && r.achievedRate() < (1 - OpenLoop.GROWTH_SHARE) * r.offeredRate();
        return behind && slow ? "queue grows, p99 over the SLO" : behind ? "queue grows" : slow ? "p99 over the SLO"
                : "tasks waiting grow";
    }
}
