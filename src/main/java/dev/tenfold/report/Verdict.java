package dev.tenfold.report;

import static dev.tenfold.report.VerdictText.*;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The text verdict printed at the end of a run: per family and workload, every row with its bound,
 * then the answer to the claim — for each C the best model and whether it reached ~10x, and for
 * each model the smallest C that did. Figures the backend limited, and rows with errors, are flagged.
 */
public final class Verdict {
    /** The claim's factor: "reaches 10x" only when the 99% interval of the speedup lies above it. */
    static final double TENFOLD = 10.0;

    private Verdict() {
    }

    public static String render(List<ResultRow> rows) {
        if (rows.isEmpty()) {
            return "No results to judge.";
        }
        StringBuilder out = new StringBuilder();
        ResultRow first = rows.get(0);
        out.append(String.format(Locale.ROOT,
                "Verdict: %s (%s, %s usable of %d logical / %d physical cores, %.1f GiB), %s, profile %s%n",
                first.host(), first.cpuModel(), cell(first.usableCores()), first.logicalCores(), first.physicalCores(),
                first.memoryGb(), first.jdk(), first.profile()));
        out.append(statisticsLine(rows));
        out.append(unmeasured(rows));
        rows.stream().filter(ResultRow::busyMachine).findFirst().ifPresent(r -> out.append(String.format(Locale.ROOT,
                "WARNING: busy machine: load %s per usable core at start, up to %s of CPU time stolen by the "
                        + "hypervisor: figures are lower and noisier than on an idle machine%n",
                num(r.loadStart(), 2), pct(rows.stream().map(ResultRow::stealShare).filter(Objects::nonNull)
                        .max(Double::compare).orElse(null)))));
        Map<String, List<ResultRow>> groups = rows.stream().filter(r -> !r.openLoop()).collect(Collectors.groupingBy(
                r -> (r.python() ? "Python: " : "") + r.family() + " / " + r.workload()
                        + (r.latencyMs() == null ? "" : " / " + r.latencyMs() + " ms"),
                LinkedHashMap::new, Collectors.toList()));
        groups.forEach((name, group) -> renderGroup(out, name, group));
        // The sections below answer the claims in Java; the Python rows have their own section, last.
        List<ResultRow> java = rows.stream().filter(r -> !r.python()).toList();
        ArticleVerdict.headline(out, java);
        CpuVerdict.render(out, java);
        HandOffVerdict.handOff(out, java);
        MixedWorkVerdict.mixed(out, java);
        ResilienceVerdict.rateLimit(out, java);
        ResilienceVerdict.flaky(out, java);
        OpenLoopVerdict.render(out, java);
        PythonVerdict.againstJava(out, rows);
        return out.toString();
    }

    /**
     * Whether a row reaches 10x: {@code yes} only when its speedup interval lies above 10,
     * {@code no} when it lies below, else {@code inconclusive}; a figure the backend limited is
     * not a client result.
     */

    static String tenfold(ResultRow r) {
        if ("backend".equals(r.bound())) {
            return "not a client result (backend-limited)";
        }
        if (r.speedupLow() == null || r.speedupHigh() == null) {
            return "untested (no interval: one sample behind it or its baseline)";
        }
        return r.speedupLow() >= TENFOLD ? "yes" : r.speedupHigh() < TENFOLD ? "no" : "inconclusive";
    }

    /** A beats B only when the 99% interval of throughput A / throughput B (Fieller) lies above 1. */
    static boolean beats(ResultRow a, ResultRow b) {
        if (a.throughput() == null || b.throughput() == null || b.throughput() <= 0) {
            return false;
        }
        Statistics.Interval ratio = Statistics.ratio(
                a.estimate(),
                b.estimate());
        return ratio != null && ratio.low() > 1;
    }

    private static void renderGroup(StringBuilder out, String name, List<ResultRow> group) {
        List<ResultRow> sorted = new ArrayList<>(group);
        sorted.sort(Comparator.comparing((ResultRow r) -> Objects.requireNonNullElse(r.concurrency(), 0))
                .thenComparing(ResultRow::variant));
        out.append(String.format(Locale.ROOT, "%n== %s ==%n", name));
        out.append(String.format(Locale.ROOT, "%-13s %6s %4s %20s %23s %6s %8s %5s %6s %6s %7s %15s  %-12s %s%n",
                "variant", "C", "W", "tasks/s ± 99% CI", "speedup (99% CI)", "ideal", "roofline", "eff", "cpu", "busy",
                "rss_MiB",
                "p50/p99 ms", "bound", "notes"));
        for (ResultRow r : sorted) {
            out.append(String.format(Locale.ROOT, "%-13s %6s %4s %20s %23s %6s %8s %5s %6s %6s %7s %15s  %-12s %s%n",
                    r.variant(), cell(r.concurrency()), cell(r.workers()), withError(r), speedupWithInterval(r),
                    num(r.idealSpeedup(), 0), num(r.rooflineSpeedup(), 1), num(r.efficiency(), 2), pct(r.cpuShare()),
                    num(r.busyCores(), 2), num(r.rssMb(), 0), latencies(r), r.bound(), notes(r)));
        }
        answerTheClaim(out, sorted);
    }

    /**
     * The median and the 99th percentile of a task's latency, each to 3 significant digits ("-" without the run's
     * logs).
     */
    static String latencies(ResultRow r) {
        return r.latencyP50Ms() == null ? "-" : significant(r.latencyP50Ms()) + " / " + significant(r.latencyP99Ms());
    }

    private static String significant(double ms) {
        return new java.math.BigDecimal(ms).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** The article: "concurrency 10-100 is enough". Does more in flight still pay here? */
    private static void articlesConcurrencyAdvice(StringBuilder out, Map<Integer, ResultRow> bestPerC, Family family) {
        if (!family.waitsOnIo()) {
            return;
        }
        ResultRow upTo100 = bestPerC.entrySet().stream().filter(e -> e.getKey() <= 100).map(Map.Entry::getValue)
                .max(Comparator.comparing(ResultRow::speedup)).orElse(null);
        ResultRow beyond = bestPerC.entrySet().stream().filter(e -> e.getKey() > 100).map(Map.Entry::getValue)
                .max(Comparator.comparing(ResultRow::speedup)).orElse(null);
        if (upTo100 == null || beyond == null) {
            return;
        }
        double gain = beyond.speedup() / upTo100.speedup(); // "NO" only when C > 100 is faster beyond noise
        out.append(String.format(Locale.ROOT,
                "  article's \"concurrency 10-100 is enough\": %s C=%d (%s) gives %.1fx the throughput of C=%d (%s)%n",
                beats(beyond, upTo100) ? "NO here:" : "holds here:", beyond.concurrency(), beyond.variant(), gain,
                upTo100.concurrency(), upTo100.variant()));
    }

    /** What C platform threads cost against C virtual threads, at the highest C both ran: memory and OS threads. */
    private static void threadCost(StringBuilder out, List<ResultRow> rows) {
        Set<Variant> threadPerTask = EnumSet.of(Variant.PLATFORM, Variant.VIRTUAL);
        Map<Variant, ResultRow> atTopC = new EnumMap<>(Variant.class);
        rows.stream().filter(r -> threadPerTask.contains(r.variant()) && r.rssMb() != null)
                .filter(r -> rows.stream().anyMatch(o -> o.variant() != r.variant()
                        && threadPerTask.contains(o.variant()) && Objects.equals(o.concurrency(), r.concurrency())))
                .max(Comparator.comparing((ResultRow r) -> Objects.requireNonNullElse(r.concurrency(), 0)))
                .ifPresent(top -> rows.stream().filter(r -> Objects.equals(r.concurrency(), top.concurrency()))
                        .filter(r -> threadPerTask.contains(r.variant())).forEach(r -> atTopC.put(r.variant(), r)));
        if (atTopC.size() == 2) {
            out.append(String.format(Locale.ROOT, "  memory at C=%d (peak PSS of the client, peak OS threads): %s%n",
                    atTopC.get(Variant.PLATFORM).concurrency(),
                    atTopC.values().stream().map(r -> String.format(Locale.ROOT,
                            "%s %s MiB, %s threads", r.variant(), num(r.rssMb(), 0),
                            r.threads() == null ? "?" : r.threads()))
                            .collect(Collectors.joining("; "))));
        }
    }

    private static void answerTheClaim(StringBuilder out, List<ResultRow> rows) {
        List<ResultRow> judged = rows.stream().filter(r -> r.speedup() != null
                && r.variant() != Variant.SERIAL).toList();
        // The resilience family asks another question (goodput under a limit): its own section answers it.
        if (judged.isEmpty() || judged.get(0).family() == Family.RESILIENCE) {
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
        bestPerC.forEach((c, r) -> {
            // Without intervals nothing is tested: no tie is claimed either.
            List<String> tied = r.speedupLow() == null ? List.of()
                    : judged.stream().filter(o -> o != r && o.speedupLow() != null
                    && Objects.equals(o.concurrency(), r.concurrency()) && !beats(r, o)).map(o
                    -> o.variant().toString()).toList();
            out.append(String.format(Locale.ROOT, "  C=%d %s%s %.1fx of %s (%s), 10x: %s;", c, r.variant(),
                    tied.isEmpty() ? "" : " (indistinguishable from " + String.join(", ", tied) + ")",
                    r.speedup(), num(r.idealSpeedup(), 0), r.bound(), tenfold(r)));
        });
        out.append(System.lineSeparator());
        articlesConcurrencyAdvice(out, bestPerC, judged.get(0).family());
        threadCost(out, judged);
        Map<Variant, List<ResultRow>> byModel = judged.stream()
                .collect(Collectors.groupingBy(ResultRow::variant, TreeMap::new, Collectors.toList()));
        byModel.forEach((model, modelRows) -> {
            ResultRow best = modelRows.stream().max(Comparator.comparing(ResultRow::speedup)).orElseThrow();
            String reach = modelRows.stream().filter(r -> tenfold(r).startsWith("yes"))
                    .map(ResultRow::concurrency).filter(Objects::nonNull).min(Integer::compare)
                    .map(c -> "reaches 10x from C=" + c)
                    .orElse(modelRows.stream().filter(r
                    -> tenfold(r).equals("inconclusive")).map(ResultRow::concurrency)
                            .filter(Objects::nonNull).min(Integer::compare)
                            .map(c -> "10x inconclusive (interval holds 10) at C=" + c)
                            .orElse(modelRows.stream().allMatch(r -> tenfold(r).startsWith("untested"))
                                    ? "10x untested (no interval)" : "never reaches 10x here"));
            out.append(String.format(Locale.ROOT, "  %-13s %s; best %.1fx at C=%s, bound %s%n", model, reach,
                    best.speedup(), cell(best.concurrency()), best.bound()));
        });
    }

}
