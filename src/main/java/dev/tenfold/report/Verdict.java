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
        out.append(String.format(Locale.ROOT, "Verdict: %s (%s, %s usable of %d logical / %d physical cores, %.1f GiB), %s, profile %s%n",
                first.host(), first.cpuModel(), cell(first.usableCores()), first.logicalCores(), first.physicalCores(),
                first.memoryGb(), first.jdk(), first.profile()));
        out.append(statisticsLine(rows));
        rows.stream().filter(ResultRow::busyMachine).findFirst().ifPresent(r -> out.append(String.format(Locale.ROOT,
                "WARNING: busy machine: load %s per usable core at start, up to %s of CPU time stolen by the hypervisor:"
                        + " figures are lower and noisier than on an idle machine%n",
                num(r.loadStart(), 2), pct(rows.stream().map(ResultRow::stealShare).filter(Objects::nonNull)
                        .max(Double::compare).orElse(null)))));
        Map<String, List<ResultRow>> groups = rows.stream().collect(Collectors.groupingBy(
                r -> r.family() + " / " + r.workload() + (r.latencyMs() == null ? "" : " / " + r.latencyMs() + " ms"),
                LinkedHashMap::new, Collectors.toList()));
        groups.forEach((name, group) -> renderGroup(out, name, group));
        handOff(out, rows);
        mixed(out, rows);
        rateLimit(out, rows);
        flaky(out, rows);
        return out.toString();
    }

    /**
     * Mixed work: each stage alone gives the bound max(I/O time, CPU time) per batch; every
     * combination is timed against it and against the sum (what splitting the stages costs at best).
     */
    private static void mixed(StringBuilder out, List<ResultRow> rows) {
        List<ResultRow> mixed = rows.stream().filter(r -> "mixed".equals(r.family()) && r.throughput() != null
                && r.throughput() > 0).toList();
        ResultRow cpu = mixed.stream().filter(r -> "cpu-stage".equals(r.variant())).findFirst().orElse(null);
        ResultRow serial = mixed.stream().filter(r -> "serial".equals(r.variant())).findFirst().orElse(null);
        if (cpu == null) {
            return;
        }
        for (ResultRow io : mixed.stream().filter(r -> "io-stage".equals(r.variant())).toList()) {
            int images = io.tasks();
            double ioSeconds = images / io.throughput();
            double cpuSeconds = images / cpu.throughput();
            out.append(String.format(Locale.ROOT, "%n== mixed: download -> thumbnail, %d images, C=%d downloads in flight, %d CPU threads ==%n"
                            + "  I/O stage alone %.2f s (%.0f images/s), CPU stage alone %.2f s (%.0f images/s):"
                            + " bound max = %.2f s (%s), no overlap = sum %.2f s%n",
                    images, io.concurrency(), cpu.workers(), ioSeconds, io.throughput(), cpuSeconds, cpu.throughput(),
                    Math.max(ioSeconds, cpuSeconds), ioSeconds >= cpuSeconds ? "I/O" : "CPU", ioSeconds + cpuSeconds));
            List<ResultRow> combos = mixed.stream().filter(r -> Objects.equals(r.concurrency(), io.concurrency())
                    && !r.variant().endsWith("-stage")).sorted(Comparator.comparing(ResultRow::throughput).reversed()).toList();
            // Time against max(stages), then the row's own bound: when downloads and thumbnails
            // together need more CPU than the cores have, the CPU roofline binds before max(stages).
            for (ResultRow r : combos) {
                double seconds = images / r.throughput();
                out.append(String.format(Locale.ROOT, "  %-13s %6.2f s per %d images, %6.1f images/s, %5sx serial, %s of max(stages); bound %s (eff %s), cpu %s%s%n",
                        r.variant(), seconds, images, r.throughput(), num(r.speedup(), 1),
                        pct(Math.max(ioSeconds, cpuSeconds) / seconds), r.bound(),
                        r.efficiency() == null ? "-" : pct(r.efficiency()), pct(r.cpuShare()),
                        r.errors() != null && r.errors() > 0 ? ", ERRORS " + r.errors() : ""));
            }
            ResultRow best = combos.isEmpty() ? null : combos.get(0);
            ResultRow split = combos.stream().filter(r -> "split".equals(r.variant())).findFirst().orElse(null);
            ResultRow pipeline = combos.stream().filter(r -> "pipeline".equals(r.variant())).findFirst().orElse(null);
            if (best != null && serial != null) {
                out.append(String.format(Locale.ROOT, "  winner here: %s, %.1fx serial (%.1f images/s)%n", best.variant(),
                        best.throughput() / serial.throughput(), serial.throughput()));
            }
            if (split != null && pipeline != null) {
                double ratio = pipeline.throughput() / split.throughput();
                out.append(String.format(Locale.ROOT, "  article's \"download everything, then process\": %s (pipeline %.2f s vs split %.2f s per batch)%n",
                        beats(pipeline, split) ? String.format(Locale.ROOT, "overlapping the stages beats it by %.2fx here", ratio)
                                : beats(split, pipeline) ? String.format(Locale.ROOT, "it beats overlapping the stages by %.2fx here", 1 / ratio)
                                : pipeline.throughputError() == null || split.throughputError() == null
                                ? String.format(Locale.ROOT, "%.2fx, untested (one sample, no interval)", ratio)
                                : "indistinguishable from overlapping the stages here (the 99% interval of the ratio holds 1)",
                        images / pipeline.throughput(), images / split.throughput()));
            }
        }
    }

    /**
     * The article's wall: past K in flight the server answers 429. Per C, each policy's goodput,
     * failures and 429s; then what retrying bought at the highest C.
     */
    private static void rateLimit(StringBuilder out, List<ResultRow> rows) {
        List<ResultRow> limited = rows.stream().filter(r -> "resilience".equals(r.family())
                && r.workload().startsWith("limited-") && !"serial".equals(r.variant()) && r.serverLimit() != null).toList();
        if (limited.isEmpty()) {
            return;
        }
        ResultRow any = limited.get(0);
        double ceiling = any.serverLimit() * 1000.0 / any.latencyMs();
        out.append(String.format(Locale.ROOT, "%n== rate limit: the server admits K=%d in flight, %d ms each: at most %.0f requests/s ==%n",
                any.serverLimit(), any.latencyMs(), ceiling));
        Map<String, Map<Integer, ResultRow>> byPolicy = new TreeMap<>(Comparator.comparing(Verdict::policyOrder));
        limited.forEach(r -> byPolicy.computeIfAbsent(r.workload().substring("limited-".length()), k -> new TreeMap<>())
                .put(r.concurrency(), r));
        out.append(String.format(Locale.ROOT, "  %-13s %6s %10s %6s %13s %9s %13s %13s%n", "policy", "C", "goodput/s", "of K/L",
                "errors/tasks", "requests", "429s", "retries"));
        byPolicy.forEach((policy, perC) -> perC.values().forEach(r -> {
            Long requests = r.requestsSent();
            out.append(String.format(Locale.ROOT, "  %-13s %6d %10s %6s %13s %9s %13s %13s%n", policy, r.concurrency(),
                    num(r.throughput(), 1), r.throughput() == null ? "-" : pct(r.throughput() / ceiling),
                    ratio(r.errors(), r.attempted()), requests == null ? "-" : requests,
                    ratio(r.http429(), requests), ratio(r.retries(), requests)));
        }));
        int highest = limited.stream().mapToInt(ResultRow::concurrency).max().orElseThrow();
        byPolicy.forEach((policy, perC) -> {
            ResultRow r = perC.get(highest);
            if (r != null && r.throughput() != null) {
                out.append(String.format(Locale.ROOT, "  at C=%d %s: %s, goodput %.0f/s (%s of K/L)%n", highest, policy,
                        r.errors() != null && r.errors() > 0
                                ? "LOST " + r.errors() + " of " + r.attempted() + " tasks (" + pct(share(r.errors(), r.attempted())) + ")"
                                : "finished every task", r.throughput(), pct(r.throughput() / ceiling)));
            }
        });
        out.append("  (sustained: C tasks in flight throughout the window, goodput = tasks that succeeded per second;"
                + " 429s and retries per request sent = tasks + retries)\n");
    }

    /** Retrying against a server that fails a set fraction: what no-retry loses and retry recovers. */
    private static void flaky(StringBuilder out, List<ResultRow> rows) {
        List<ResultRow> flaky = rows.stream().filter(r -> "resilience".equals(r.family()) && r.workload().startsWith("flaky-"))
                .sorted(Comparator.comparing((ResultRow r) -> policyOrder(r.workload().substring("flaky-".length())))).toList();
        if (flaky.isEmpty()) {
            return;
        }
        out.append(String.format(Locale.ROOT, "%n== flaky endpoint (a seeded share of 503s and connection resets) ==%n"));
        for (ResultRow r : flaky) {
            out.append(String.format(Locale.ROOT, "  %-9s C=%-4s goodput %8s/s, errors %s, retries %s, mean task latency %s ms%s%n",
                    r.workload().substring("flaky-".length()), cell(r.concurrency()), num(r.throughput(), 1),
                    ratio(r.errors(), r.attempted()), ratio(r.retries(), r.requestsSent()), num(r.observedLatencyMs(), 1),
                    r.backendRequests() == null ? "" : "; the backend answered " + r.backendRequests() + " of "
                            + r.requestsSent() + " requests sent"));
        }
    }

    /**
     * The suite's I/O rows at C against plain hand-written clients at the same C on the same
     * backend (no JMH, no model): a blocking loop on virtual threads against the {@code virtual}
     * row, a chain of sendAsync against the {@code async} row, and the suite's best against the
     * best plain one. Within 10% means the suite measures the model, not itself.
     */
    public static String crossCheck(List<ResultRow> rows, int concurrency, Map<String, double[]> plainRates,
                                    double roundSeconds, Map<String, Long> failures) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "== cross-check: plain HttpClient loops, C=%d, same backend, same run, no JMH ==%n", concurrency));
        double bestPlain = 0;
        for (Map.Entry<String, double[]> e : plainRates.entrySet()) {
            double[] sorted = e.getValue().clone();
            java.util.Arrays.sort(sorted);
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            bestPlain = Math.max(bestPlain, median);
            ResultRow row = rows.stream().filter(r -> "io".equals(r.family()) && e.getKey().equals(r.variant())
                    && Objects.equals(r.concurrency(), concurrency) && r.throughput() != null).findFirst().orElse(null);
            out.append(String.format(Locale.ROOT, "  plain %-7s %6.0f requests/s (median of %d rounds of %.0f s: %s)%s; suite's %s row %s%n",
                    e.getKey(), median, sorted.length, roundSeconds,
                    java.util.Arrays.stream(e.getValue()).mapToObj(r -> String.format(Locale.ROOT, "%.0f", r)).collect(Collectors.joining(", ")),
                    failures.getOrDefault(e.getKey(), 0L) > 0 ? ", " + failures.get(e.getKey()) + " FAILED" : "",
                    e.getKey(), row == null ? "not measured" : withError(row) + String.format(Locale.ROOT, " = %.2fx", row.throughput() / median)));
        }
        ResultRow best = rows.stream().filter(r -> "io".equals(r.family()) && Objects.equals(r.concurrency(), concurrency)
                && r.throughput() != null).max(Comparator.comparing(ResultRow::throughput)).orElse(null);
        if (best != null && bestPlain > 0) {
            double ratio = best.throughput() / bestPlain;
            out.append(String.format(Locale.ROOT, "  suite's best at C=%d (%s) against the best plain loop: %.2fx, %s%n", concurrency,
                    best.variant(), ratio, Math.abs(ratio - 1) <= 0.10 ? "within 10%"
                            : "DIFFERS by more than 10%: look before trusting the I/O rows at this C"));
            List<String> unsteady = rows.stream().filter(r -> "io".equals(r.family()) && Objects.equals(r.concurrency(), concurrency)
                    && "no".equals(r.steady())).map(ResultRow::variant).toList();
            if (!unsteady.isEmpty()) {
                out.append(String.format(Locale.ROOT, "  but the suite's %s at C=%d %s NOT STEADY: both sides are still moving,"
                        + " and the agreement may not hold in another run%n", String.join(", ", unsteady), concurrency,
                        unsteady.size() == 1 ? "is" : "are"));
            }
        }
        return out.toString();
    }

    /** no-retry, retry, adaptive: the order the article's story goes. */
    private static int policyOrder(String policy) {
        return List.of("no-retry", "retry", "adaptive", "adaptive-cold").indexOf(policy);
    }

    /** "n (x%)" of the attempted tasks. */
    private static String ratio(Long count, Long attempted) {
        return count == null ? "-" : count + (attempted == null || attempted == 0 ? "" : " (" + pct(share(count, attempted)) + ")");
    }

    private static double share(long count, long attempted) {
        return (double) count / attempted;
    }

    /**
     * The article's "pass big arrays through shared memory": the same task under worker JVMs, its
     * input copied down the pipe with every task or mapped from one shared file. A busy worker
     * spends W / throughput seconds per task; the difference is what the hand-off costs (the
     * copy, and the worker's allocation and GC of the buffer it receives: not separated here).
     * Each time per task carries its 99% range, the ratio the range of the two, and a row that is
     * not steady is named: a claim on a moving figure says so.
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
        double[] pipeMs = msPerTask(pipe);
        double[] mmapMs = msPerTask(mmap);
        out.append(String.format(Locale.ROOT, "%n== hand-off of a large input to worker JVMs ==%n"
                        + "  pipe: %.1f tasks/s with %d workers, %s ms per task; mmap: %.1f tasks/s with %d workers, %s ms per task%n"
                        + "  the hand-off through the pipe costs %.1f ms per task (copy and the worker's allocation together),"
                        + " %.1fx the time of the shared mapping (%s)%n",
                pipe.throughput(), pipe.workers(), range(pipeMs), mmap.throughput(), mmap.workers(), range(mmapMs),
                pipeMs[0] - mmapMs[0], pipeMs[0] / mmapMs[0],
                Double.isInfinite(pipeMs[2]) ? "no upper bound: the pipe's interval reaches 0 tasks/s"
                        : String.format(Locale.ROOT, "between %.1fx and %.1fx", pipeMs[1] / mmapMs[2], pipeMs[2] / mmapMs[1])));
        List<String> moving = java.util.stream.Stream.of(pipe, mmap).filter(r -> "no".equals(r.steady()))
                .map(ResultRow::workload).toList();
        if (!moving.isEmpty()) {
            out.append("  but ").append(String.join(" and ", moving)).append(moving.size() > 1 ? " are" : " is")
                    .append(" NOT STEADY: the figure is still moving\n");
        }
    }

    /** Milliseconds per task of a busy worker, W / throughput: the estimate, then its 99% low and high. */
    private static double[] msPerTask(ResultRow r) {
        double error = r.throughputError() == null ? 0 : r.throughputError();
        double high = r.throughput() - error <= 0 ? Double.POSITIVE_INFINITY : 1000.0 * r.workers() / (r.throughput() - error);
        return new double[] {1000.0 * r.workers() / r.throughput(), 1000.0 * r.workers() / (r.throughput() + error), high};
    }

    private static String range(double[] ms) {
        return String.format(Locale.ROOT, "%.1f [%.1f, %s]", ms[0], ms[1],
                Double.isInfinite(ms[2]) ? "inf" : String.format(Locale.ROOT, "%.1f", ms[2]));
    }

    /** How to read the intervals, or that there are none (smoke: one sample per row). */
    private static String statisticsLine(List<ResultRow> rows) {
        int fewest = rows.stream().map(ResultRow::samples).filter(Objects::nonNull).mapToInt(Integer::intValue).min().orElse(1);
        long unsteady = rows.stream().filter(r -> "no".equals(r.steady())).count();
        if (fewest < 3) {
            return String.format(Locale.ROOT, "Statistics: none (%d sample per row%s): no interval, no steady-state test;"
                    + " the claims below are unchecked%n", fewest, "smoke".equals(rows.get(0).profile()) ? ", smoke" : "");
        }
        return String.format(Locale.ROOT, "Statistics: tasks/s ± the 99%% half-width over >= %d samples per row (measured iterations);"
                + " speedup intervals by Fieller's theorem; claims hold only where the intervals say so%s%n", fewest,
                unsteady == 0 ? "; every row steady (no significant drift > 10% of tasks/s or of CPU per task)"
                        : "; " + unsteady + " row(s) NOT STEADY (tasks/s or CPU per task drift > 10%, significantly)");
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
            return r.speedup() != null && r.speedup() >= TENFOLD ? "yes, untested (no interval)" : "no, untested (no interval)";
        }
        return r.speedupLow() >= TENFOLD ? "yes" : r.speedupHigh() < TENFOLD ? "no" : "inconclusive";
    }

    /** A beats B only when the 99% interval of throughput A / throughput B (Fieller) lies above 1. */
    static boolean beats(ResultRow a, ResultRow b) {
        if (a.throughput() == null || b.throughput() == null || b.throughput() <= 0) {
            return false;
        }
        Statistics.Interval ratio = Statistics.ratio(
                Statistics.Estimate.fromInterval(a.throughput(), a.throughputError(), a.samples()),
                Statistics.Estimate.fromInterval(b.throughput(), b.throughputError(), b.samples()));
        return ratio != null && ratio.low() > 1;
    }

    private static void renderGroup(StringBuilder out, String name, List<ResultRow> group) {
        List<ResultRow> sorted = new ArrayList<>(group);
        sorted.sort(Comparator.comparing((ResultRow r) -> Objects.requireNonNullElse(r.concurrency(), 0))
                .thenComparing(ResultRow::variant));
        out.append(String.format(Locale.ROOT, "%n== %s ==%n", name));
        out.append(String.format(Locale.ROOT, "%-13s %6s %4s %20s %23s %6s %8s %5s %6s %6s %7s  %-12s %s%n",
                "variant", "C", "W", "tasks/s ± 99% CI", "speedup (99% CI)", "ideal", "roofline", "eff", "cpu", "busy", "rss_MiB", "bound", "notes"));
        for (ResultRow r : sorted) {
            out.append(String.format(Locale.ROOT, "%-13s %6s %4s %20s %23s %6s %8s %5s %6s %6s %7s  %-12s %s%n",
                    r.variant(), cell(r.concurrency()), cell(r.workers()), withError(r), speedupWithInterval(r),
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
        double gain = beyond.speedup() / upTo100.speedup(); // "NO" only when C > 100 is faster beyond noise
        out.append(String.format(Locale.ROOT, "  article's \"concurrency 10-100 is enough\": %s C=%d (%s) gives %.1fx the throughput of C=%d (%s)%n",
                beats(beyond, upTo100) ? "NO here:" : "holds here:", beyond.concurrency(), beyond.variant(), gain,
                upTo100.concurrency(), upTo100.variant()));
    }

    /** What C platform threads cost against C virtual threads, at the highest C both ran: memory and OS threads. */
    private static void threadCost(StringBuilder out, List<ResultRow> rows) {
        Map<String, ResultRow> atTopC = new TreeMap<>();
        rows.stream().filter(r -> List.of("platform", "virtual").contains(r.variant()) && r.rssMb() != null)
                .filter(r -> rows.stream().anyMatch(o -> !o.variant().equals(r.variant())
                        && List.of("platform", "virtual").contains(o.variant()) && Objects.equals(o.concurrency(), r.concurrency())))
                .max(Comparator.comparing((ResultRow r) -> Objects.requireNonNullElse(r.concurrency(), 0)))
                .ifPresent(top -> rows.stream().filter(r -> Objects.equals(r.concurrency(), top.concurrency()))
                        .filter(r -> List.of("platform", "virtual").contains(r.variant())).forEach(r -> atTopC.put(r.variant(), r)));
        if (atTopC.size() == 2) {
            out.append(String.format(Locale.ROOT, "  memory at C=%d (peak PSS of the client, peak OS threads): %s%n",
                    atTopC.get("platform").concurrency(), atTopC.values().stream().map(r -> String.format(Locale.ROOT,
                            "%s %s MiB, %s threads", r.variant(), num(r.rssMb(), 0), r.threads() == null ? "?" : r.threads()))
                            .collect(Collectors.joining("; "))));
        }
    }

    static String notes(ResultRow r) {
        List<String> notes = new ArrayList<>();
        if ("no".equals(r.steady())) {
            notes.add("NOT STEADY: across the window tasks/s drift " + pct(r.drift()) + ", CPU per task " + pct(r.cpuDrift()));
        }
        if ("backend".equals(r.bound())) {
            notes.add("BACKEND-LIMITED: the backend took " + num(r.backendLatencyMs(), 1) + " ms per response, not "
                    + r.latencyMs() + ": not a client result");
        }
        if (r.errors() != null && r.errors() > 0) {
            notes.add("ERRORS: " + r.errors() + " of " + r.attempted() + " tasks failed");
        }
        if (r.http429() != null && r.http429() > 0) {
            notes.add(r.http429() + " answers 429, " + r.retries() + " retries");
        }
        if (r.backendCountDiffers()) {
            notes.add("the backend answered " + r.backendRequests() + " requests for " + r.requestsSent() + " sent");
        }
        if (r.articleRule() != null && r.classification() != null && !r.articleRule().equals(r.classification())) {
            notes.add("article says " + r.articleRule() + ", per usable core " + r.classification());
        }
        return String.join("; ", notes);
    }

    private static void answerTheClaim(StringBuilder out, List<ResultRow> rows) {
        List<ResultRow> judged = rows.stream().filter(r -> r.speedup() != null && !"serial".equals(r.variant())).toList();
        // The resilience family asks another question (goodput under a limit): its own section answers it.
        if (judged.isEmpty() || "resilience".equals(judged.get(0).family())) {
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
            List<String> tied = judged.stream().filter(o -> o != r && Objects.equals(o.concurrency(), r.concurrency())
                    && !beats(r, o)).map(ResultRow::variant).toList();
            out.append(String.format(Locale.ROOT, "  C=%d %s%s %.1fx of %s (%s), 10x: %s;", c, r.variant(),
                    tied.isEmpty() ? "" : " (indistinguishable from " + String.join(", ", tied) + ")",
                    r.speedup(), num(r.idealSpeedup(), 0), r.bound(), tenfold(r)));
        });
        out.append(System.lineSeparator());
        articlesConcurrencyAdvice(out, bestPerC, judged.get(0).family());
        threadCost(out, judged);
        Map<String, List<ResultRow>> byModel = judged.stream()
                .collect(Collectors.groupingBy(ResultRow::variant, TreeMap::new, Collectors.toList()));
        byModel.forEach((model, modelRows) -> {
            ResultRow best = modelRows.stream().max(Comparator.comparing(ResultRow::speedup)).orElseThrow();
            String reach = modelRows.stream().filter(r -> tenfold(r).startsWith("yes"))
                    .map(ResultRow::concurrency).filter(Objects::nonNull).min(Integer::compare)
                    .map(c -> "reaches 10x from C=" + c)
                    .orElse(modelRows.stream().filter(r -> tenfold(r).equals("inconclusive")).map(ResultRow::concurrency)
                            .filter(Objects::nonNull).min(Integer::compare)
                            .map(c -> "10x inconclusive (interval holds 10) at C=" + c).orElse("never reaches 10x here"));
            out.append(String.format(Locale.ROOT, "  %-13s %s; best %.1fx at C=%s, bound %s%n", model, reach,
                    best.speedup(), cell(best.concurrency()), best.bound()));
        });
    }

    /** Throughput and its 99% half-width, when there were enough samples for one. */
    private static String withError(ResultRow r) {
        return num(r.throughput(), 1) + (r.throughputError() == null ? "" : " ± " + num(r.throughputError(), 1));
    }

    /** Speedup and its 99% interval, e.g. {@code 9.93 [9.61, 10.25]}: as many decimals as the speedup. */
    private static String speedupWithInterval(ResultRow r) {
        return num(r.speedup(), 2) + (r.speedupLow() == null ? "" : " [" + num(r.speedupLow(), 2) + ", "
                + (r.speedupHigh() == null ? "inf" : num(r.speedupHigh(), 2)) + "]");
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
