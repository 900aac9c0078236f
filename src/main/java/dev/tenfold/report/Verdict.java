package dev.tenfold.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The text verdict printed at the end of a run: per family and workload, every row with its bound,
 * then the answer to the claim — for each C the best model and whether it reached ~10x, and for
 * each model the smallest C that did. Figures the backend limited, and rows with errors, are flagged.
 */
public final class Verdict {
    /** "~10x": within 5% of ten. */
    static final double TENFOLD = 9.5;

    private Verdict() {
    }

    public static String render(List<ResultRow> rows) {
        if (rows.isEmpty()) {
            return "No results to judge.";
        }
        StringBuilder out = new StringBuilder();
        ResultRow first = rows.get(0);
        out.append(String.format(Locale.ROOT, "Verdict: %s (%s, %d logical / %d physical cores, %.1f GiB), %s, profile %s%n",
                first.host(), first.cpuModel(), first.logicalCores(), first.physicalCores(), first.memoryGb(),
                first.jdk(), first.profile()));
        Map<String, List<ResultRow>> groups = rows.stream().collect(Collectors.groupingBy(
                r -> r.family() + " / " + r.workload() + (r.latencyMs() == null ? "" : " / " + r.latencyMs() + " ms"),
                LinkedHashMap::new, Collectors.toList()));
        groups.forEach((name, group) -> renderGroup(out, name, group));
        handOff(out, rows);
        return out.toString();
    }

    /**
     * The article's "pass big arrays through shared memory": the same task under worker JVMs, its
     * input copied down the pipe with every task or mapped from one shared file. A busy worker
     * spends W / throughput seconds per task; the difference is what the copy costs.
     */
    private static void handOff(StringBuilder out, List<ResultRow> rows) {
        Map<String, ResultRow> byTransport = new TreeMap<>();
        rows.stream().filter(r -> "process".equals(r.variant()) && r.workload().startsWith("handoff-")
                        && r.throughput() != null && r.throughput() > 0 && r.workers() != null)
                .forEach(r -> byTransport.put(r.workload().substring("handoff-".length()), r));
        ResultRow pipe = byTransport.get("pipe");
        ResultRow mmap = byTransport.get("mmap");
        if (pipe == null || mmap == null) {
            return;
        }
        double pipeMs = 1000.0 * pipe.workers() / pipe.throughput();
        double mmapMs = 1000.0 * mmap.workers() / mmap.throughput();
        out.append(String.format(Locale.ROOT, "%n== hand-off of a large input to worker JVMs ==%n"
                        + "  pipe: %.1f tasks/s with %d workers (%.1f ms per task); mmap: %.1f tasks/s with %d workers (%.1f ms per task)%n"
                        + "  copying the input through the pipe costs %.1f ms per task, %.1fx the time of the shared mapping%n",
                pipe.throughput(), pipe.workers(), pipeMs, mmap.throughput(), mmap.workers(), mmapMs,
                pipeMs - mmapMs, pipeMs / mmapMs));
    }

    private static void renderGroup(StringBuilder out, String name, List<ResultRow> group) {
        List<ResultRow> sorted = new ArrayList<>(group);
        sorted.sort(Comparator.comparing((ResultRow r) -> Objects.requireNonNullElse(r.concurrency(), 0))
                .thenComparing(ResultRow::variant));
        out.append(String.format(Locale.ROOT, "%n== %s ==%n", name));
        out.append(String.format(Locale.ROOT, "%-9s %6s %4s %18s %8s %6s %8s %5s %6s %6s %7s  %-12s %s%n",
                "variant", "C", "W", "tasks/s (99.9% CI)", "speedup", "ideal", "roofline", "eff", "cpu", "busy", "rss_MiB", "bound", "notes"));
        for (ResultRow r : sorted) {
            out.append(String.format(Locale.ROOT, "%-9s %6s %4s %18s %8s %6s %8s %5s %6s %6s %7s  %-12s %s%n",
                    r.variant(), cell(r.concurrency()), cell(r.workers()), withError(r), num(r.speedup(), 2),
                    num(r.idealSpeedup(), 0), num(r.rooflineSpeedup(), 1), num(r.efficiency(), 2), pct(r.cpuShare()),
                    num(r.busyCores(), 2), num(r.rssMb(), 0), r.bound(), notes(r)));
        }
        answerTheClaim(out, sorted);
    }

    /** The article: "concurrency 10-100 is enough". Does more in flight still pay here? */
    private static void articlesConcurrencyAdvice(StringBuilder out, Map<Integer, ResultRow> bestPerC, String family) {
        if (!Bounds.waitsOnIo(family)) {
            return;
        }
        ResultRow upTo100 = bestPerC.entrySet().stream().filter(e -> e.getKey() <= 100).map(Map.Entry::getValue)
                .max(Comparator.comparing(ResultRow::speedup)).orElse(null);
        ResultRow beyond = bestPerC.entrySet().stream().filter(e -> e.getKey() > 100).map(Map.Entry::getValue)
                .max(Comparator.comparing(ResultRow::speedup)).orElse(null);
        if (upTo100 == null || beyond == null) {
            return;
        }
        double gain = beyond.speedup() / upTo100.speedup();
        out.append(String.format(Locale.ROOT, "  article's \"concurrency 10-100 is enough\": %s C=%d (%s) gives %.1fx the throughput of C=%d (%s)%n",
                gain > 1.2 ? "NO here:" : "holds here:", beyond.concurrency(), beyond.variant(), gain,
                upTo100.concurrency(), upTo100.variant()));
    }

    private static String notes(ResultRow r) {
        List<String> notes = new ArrayList<>();
        if ("backend".equals(r.bound())) {
            notes.add("BACKEND-LIMITED: the backend took " + num(r.backendLatencyMs(), 1) + " ms per response, not "
                    + r.latencyMs() + ": not a client result");
        }
        if (r.errors() != null && r.errors() > 0) {
            notes.add("ERRORS: " + r.errors() + " of " + r.attempted() + " tasks failed");
        }
        if (r.articleRule() != null && r.classification() != null && !r.articleRule().equals(r.classification())) {
            notes.add("article says " + r.articleRule() + ", per usable core " + r.classification());
        }
        return String.join("; ", notes);
    }

    private static void answerTheClaim(StringBuilder out, List<ResultRow> rows) {
        List<ResultRow> judged = rows.stream().filter(r -> r.speedup() != null && !"serial".equals(r.variant())).toList();
        if (judged.isEmpty()) {
            return;
        }
        Map<Integer, ResultRow> bestPerC = new TreeMap<>();
        for (ResultRow r : judged) {
            int c = Objects.requireNonNullElse(r.concurrency(), 0);
            ResultRow best = bestPerC.get(c);
            if (best == null || r.speedup() > best.speedup()) {
                bestPerC.put(c, r);
            }
        }
        out.append("  best per C:");
        bestPerC.forEach((c, r) -> out.append(String.format(Locale.ROOT, "  C=%d %s %.1fx of %s (%s)%s", c, r.variant(),
                r.speedup(), num(r.idealSpeedup(), 0), r.bound(), r.speedup() >= TENFOLD ? ", 10x: yes" : ", 10x: no")));
        out.append(System.lineSeparator());
        articlesConcurrencyAdvice(out, bestPerC, judged.get(0).family());
        Map<String, List<ResultRow>> byModel = judged.stream()
                .collect(Collectors.groupingBy(ResultRow::variant, TreeMap::new, Collectors.toList()));
        byModel.forEach((model, modelRows) -> {
            ResultRow best = modelRows.stream().max(Comparator.comparing(ResultRow::speedup)).orElseThrow();
            String reach = modelRows.stream().filter(r -> r.speedup() >= TENFOLD && !"backend".equals(r.bound()))
                    .map(ResultRow::concurrency).filter(Objects::nonNull).min(Integer::compare)
                    .map(c -> "reaches 10x from C=" + c).orElse("never reaches 10x here");
            out.append(String.format(Locale.ROOT, "  %-9s %s; best %.1fx at C=%s, bound %s%n", model, reach,
                    best.speedup(), cell(best.concurrency()), best.bound()));
        });
    }

    /** Throughput and JMH's 99.9% confidence half-width, when there were enough iterations for one. */
    private static String withError(ResultRow r) {
        return num(r.throughput(), 1) + (r.throughputError() == null ? "" : " ± " + num(r.throughputError(), 1));
    }

    private static String cell(Integer v) {
        return v == null ? "-" : v.toString();
    }

    private static String num(Double v, int decimals) {
        return v == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String pct(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
