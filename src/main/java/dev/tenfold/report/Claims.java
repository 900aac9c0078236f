package dev.tenfold.report;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The verdict's claims, each judged on one run: the figure behind it with its 99% interval, and
 * whether the claim holds, fails or cannot be told there. compare's claims view puts these side by
 * side per machine: across machines the question is whether each claim holds on each (against its
 * own serial and its own ideal), not how much bigger one machine is.
 */
final class Claims {
    private Claims() {
    }

    enum Outcome {
        HOLDS("holds"), FAILS("FAILS"), INCONCLUSIVE("inconclusive"), UNTESTED("untested");

        final String text;

        Outcome(String text) {
            this.text = text;
        }

        /** A figure that must lie at or above {@code target}: decided only when the whole interval is on one side. */
        static Outcome atLeast(Double low, Double high, double target) {
            return low == null || high == null ? UNTESTED : low >= target ? HOLDS : high < target ? FAILS
                    : INCONCLUSIVE;
        }

        static Outcome atMost(Double low, Double high, double target) {
            return low == null || high == null ? UNTESTED : high <= target ? HOLDS : low > target ? FAILS
                    : INCONCLUSIVE;
        }
    }

    /**
     * One claim about one subject of one run. {@code ideal}: what the figure is judged against, for a
     * speedup (else null: the figure is a ratio, drawn in no chart); {@code note}: why, when the
     * interval alone does not say.
     */
    record Judged(String claim, String subject, double figure, Double low, Double high, Double ideal, Outcome outcome,
            String note) {
        boolean speedup() {
            return ideal != null;
        }

        /** The key that joins a claim's subject across runs. */
        String key() {
            return claim + "\u0000" + subject;
        }
    }

    /** A claim: its wording (with the test) and how it picks and judges its subjects in one run. */
    record Claim(String wording, Function<List<ResultRow>, List<Judged>> judge) {
    }

    static final String IO_TENFOLD = "I/O: 10 requests in flight make it ~10x faster (speedup interval above 9)";
    static final String IO_LITTLE = "I/O: C=100 in flight follow Little's law (speedup interval above 0.85 x C)";
    static final String CPU_CORES = "CPU: all cores give ~cores x (speedup interval above 0.85 x min(threads, cores))";
    static final String PIPELINE =
            "Mixed: overlapping download and thumbnail (pipeline) beats download-all-then-process (split)"
            + " (throughput ratio interval above 1)";
    static final String RETRY = "Resilience: retry with backoff keeps the server's capacity at the highest C"
            + " (goodput interval above 0.85 x K/L, no task lost)";
    static final String GIL = "Python: threads do not help CPU work, the GIL (speedup interval at most "
            + PythonVerdict.NO_HELP + ")";

    static final List<Claim> ALL = List.of(
            new Claim(IO_TENFOLD, rows -> speedups(IO_TENFOLD, rows,
            r -> r.family() == Family.IO && Objects.equals(r.concurrency(), 10),
                    r -> 0.9 * 10)),
            new Claim(IO_LITTLE, rows -> speedups(IO_LITTLE, rows,
            r -> r.family() == Family.IO && Objects.equals(r.concurrency(), 100),
                    r -> 0.85 * r.idealSpeedup())),
            new Claim(CPU_CORES, rows -> speedups(CPU_CORES, rows, Claims::atAllCores, r -> 0.85 * r.idealSpeedup())),
            new Claim(PIPELINE, Claims::pipelineAgainstSplit),
            new Claim(RETRY, Claims::retryKeepsCapacity),
            new Claim(GIL, rows -> rows.stream().filter(r -> r.python() && r.family() == Family.CPU
            && r.variant() == Variant.THREADS
                    && r.speedup() != null).map(r -> new Judged(GIL, r.workload() + " " + subject(r), r.speedup(),
                    r.speedupLow(),
                    r.speedupHigh(), r.idealSpeedup(), Outcome.atMost(r.speedupLow(), r.speedupHigh(),
                    PythonVerdict.NO_HELP), "")).toList()));

    /** Every claim judged on one run, in the order of {@link #ALL}; a claim without rows in the run is absent. */
    static List<Judged> judge(List<ResultRow> run) {
        List<ResultRow> rows = run.stream().filter(r -> !r.openLoop()).toList();
        List<Judged> judged = new ArrayList<>();
        ALL.forEach(claim -> judged.addAll(claim.judge().apply(rows)));
        return judged;
    }

    private static List<Judged> speedups(String claim, List<ResultRow> rows,
            java.util.function.Predicate<ResultRow> which,
                                         Function<ResultRow, Double> target) {
        return rows.stream().filter(r -> r.variant() != Variant.SERIAL && r.speedup() != null
                && r.idealSpeedup() != null)
                .filter(which).sorted(Comparator.comparing(ResultRow::python).thenComparing(ResultRow::workload)
                        .thenComparing(ResultRow::variant))
                .map(r -> new Judged(claim, (r.python() ? "python:" : "")
                + (r.family() == Family.CPU ? r.workload() + " " : "") + subject(r),
                        r.speedup(), r.speedupLow(), r.speedupHigh(), r.idealSpeedup(),
                        Outcome.atLeast(r.speedupLow(), r.speedupHigh(), target.apply(r)), "")).toList();
    }

    /**
     * The Java CPU rows whose threads or workers cover every usable core (not cores-1, not the hand-off of an input).
     */
    private static boolean atAllCores(ResultRow r) {
        Set<Variant> parallel = Set.of(Variant.PLATFORM, Variant.VIRTUAL, Variant.FORKJOIN, Variant.PROCESS);
        return !r.python() && r.family() == Family.CPU && parallel.contains(r.variant())
                && !r.workload().startsWith("handoff")
                && r.usableCores() != null && r.concurrency() != null && r.concurrency() >= r.usableCores();
    }

    /**
     * The model and its concurrency, as the same claim reads on any machine: C for I/O; for CPU work
     * the threads in cores ("at all cores", "4x cores"), so that a 2-core and a 16-core run join.
     */
    private static String subject(ResultRow r) {
        if (r.family() != Family.CPU || r.usableCores() == null || r.concurrency() == null
                || r.concurrency() % r.usableCores() != 0) {
            return r.variant() + " C=" + r.concurrency();
        }
        int perCore = r.concurrency() / r.usableCores();
        return r.variant() + (perCore == 1 ? " at all cores" : " " + perCore + "x cores");
    }

    private static List<Judged> pipelineAgainstSplit(List<ResultRow> rows) {
        List<Judged> judged = new ArrayList<>();
        for (ResultRow pipeline : rows.stream().filter(r -> r.family() == Family.MIXED
                && r.variant() == Variant.PIPELINE).toList()) {
            rows.stream().filter(r -> r.family() == Family.MIXED && r.variant() == Variant.SPLIT
                            && Objects.equals(r.concurrency(), pipeline.concurrency()) && r.throughput() != null
                            && r.throughput() > 0)
                    .findFirst().filter(split -> pipeline.throughput() != null).ifPresent(split -> {
                        Statistics.Interval ratio = Statistics.ratio(pipeline.estimate(), split.estimate());
                        judged.add(new Judged(PIPELINE, "pipeline / split C=" + pipeline.concurrency(),
                                pipeline.throughput() / split.throughput(),
                                ratio == null ? null : ratio.low(), ratio == null ? null : ratio.high(),
                                null, ratio == null ? Outcome.UNTESTED
                                : Outcome.atLeast(ratio.low(), ratio.high(), 1 + Math.ulp(1.0)), ""));
                    });
        }
        return judged;
    }

    private static List<Judged> retryKeepsCapacity(List<ResultRow> rows) {
        List<ResultRow> limited = rows.stream().filter(r -> r.family() == Family.RESILIENCE
                && r.workload().startsWith("limited-")
                && r.variant() != Variant.SERIAL && r.serverLimit() != null && r.throughput() != null
                && r.latencyMs() != null).toList();
        int highest = limited.stream().mapToInt(ResultRow::concurrency).max().orElse(0);
        return limited.stream().filter(r -> r.concurrency() == highest && !r.workload().equals("limited-no-retry"))
                .sorted(Comparator.comparing(r
                -> ResilienceVerdict.policyOrder(r.workload().substring("limited-".length()))))
                .map(r -> {
                    double capacity = r.serverLimit() * 1000.0 / r.latencyMs();
                    Double low = r.throughputError() == null ? null : (r.throughput() - r.throughputError()) / capacity;
                    Double high = r.throughputError() == null ? null
                            : (r.throughput() + r.throughputError()) / capacity;
                    Outcome outcome = r.errors() != null && r.errors() > 0 ? Outcome.FAILS
                            : Outcome.atLeast(low, high, 0.85);
                    return new Judged(RETRY, r.workload().substring("limited-".length()) + " C=" + r.concurrency(),
                            r.throughput() / capacity, low, high, null, outcome,
                            r.errors() != null && r.errors() > 0 ? "lost " + r.errors() + " of " + r.attempted()
                            + " tasks" : "");
                }).toList();
    }
}
