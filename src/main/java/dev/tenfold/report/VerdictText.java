package dev.tenfold.report;

import dev.tenfold.vocabulary.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** How the verdict writes numbers (counts with shares, percentages, intervals, empty cells) and its statistics line. */
final class VerdictText {
    private VerdictText() {
    }

    static String cell(Integer v) {
        return v == null ? "-" : v.toString();
    }

    static String num(Double v, int decimals) {
        return v == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String pct(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** "n (x%)" of the attempted tasks. */
    static String ratio(Long count, Long attempted) {
        return count == null ? "-" : count + (attempted == null || attempted == 0 ? "" : " ("
                + pct(share(count, attempted)) + ")");
    }

    /** count / of; null where either is missing or of is 0. */
    static Double share(Long count, Long of) {
        return count == null || of == null || of == 0 ? null : (double) count / of;
    }

    /** Throughput and its 99% half-width, when there were enough samples for one. */
    static String withError(ResultRow r) {
        return num(r.throughput(), 1) + (r.throughputError() == null ? "" : " ± " + num(r.throughputError(), 1));
    }

    /** Speedup and its 99% interval, e.g. {@code 9.93 [9.61, 10.25]}: as many decimals as the speedup. */
    static String speedupWithInterval(ResultRow r) {
        return num(r.speedup(), 2) + (r.speedupLow() == null ? "" : " [" + num(r.speedupLow(), 2) + ", "
                + (r.speedupHigh() == null ? "inf" : num(r.speedupHigh(), 2)) + "]");
    }

    /** Compile time above this share of the client's CPU in the windows is named in the verdict. */
    static final double JIT_STILL_COMPILING = 0.10;

    /** Fork rates further apart than this share of their mean are named in the verdict. */
    static final double FORKS_DIFFER = 0.05;

    /** How to read the intervals, or that there are none (smoke: one sample per row). */
    static String statisticsLine(List<ResultRow> rows) {
        // The article's literal serial run (two minutes) is one sample by nature: its own line says so.
        int fewest = rows.stream().filter(r -> !ArticleVerdict.literalSerialRun(r)).map(ResultRow::samples)
                .filter(Objects::nonNull).mapToInt(Integer::intValue).min().orElse(1);
        long unsteady = rows.stream().filter(r -> "no".equals(r.steady())).count();
        if (fewest < 3) {
            return
                    String.format(Locale.ROOT,
                    "Statistics: none (%d sample per row%s): no interval, no steady-state test;"
                    + " the claims below are unchecked%n", fewest,
                    "smoke".equals(rows.get(0).profile()) ? ", smoke" : "");
        }
        int forks = rows.stream().filter(r -> !ArticleVerdict.literalSerialRun(r)).map(ResultRow::forks)
                .filter(Objects::nonNull).mapToInt(Integer::intValue).min().orElse(1);
        String unit = forks >= 2
                ? String.format(Locale.ROOT,
                "over >= %d forks per row (the interval of the fork rates, t with forks-1 df:"
                        + " it covers run-to-run variation; >= %d samples)", forks, fewest)
                : String.format(Locale.ROOT,
                "over >= %d samples of ONE fork per row (the interval holds the noise within"
                        + " one JVM, not between runs)", fewest);
        return String.format(Locale.ROOT, "Statistics: tasks/s ± the 99%% half-width %s;"
                + " speedup intervals by Fieller's theorem; claims hold only where the intervals say so%s%n", unit,
                unsteady == 0 ? "; every row steady (no significant drift > 10% of tasks/s or of CPU per task, "
                        + "CPU share within 10% of each fork's second half)"
                        : "; " + unsteady + " row(s) NOT STEADY (tasks/s or CPU per task drift > 10%, significantly, "
                        + "or the CPU share over all samples > 10% off each fork's second half)");
    }

    /**
     * One line naming what this machine could not measure (no /proc: macOS), so that an empty cell
     * is never read as a zero; empty when everything was measured.
     */
    static String unmeasured(List<ResultRow> rows) {
        List<String> missing = new ArrayList<>();
        if (rows.stream().allMatch(r -> r.loadStart() == null)) {
            missing.add("the load average at start (no busy-machine check)");
        }
        if (rows.stream().allMatch(r -> r.stealShare() == null)) {
            missing.add("CPU time stolen by a hypervisor (no /proc/stat)");
        }
        if (rows.stream().allMatch(r -> r.threads() == null)) {
            missing.add("OS threads");
        }
        return missing.isEmpty() ? "" : "Not measured on this machine (empty cells, not zeros): "
                + String.join("; ", missing)
                + System.lineSeparator();
    }

    /**
     * What a row's line says beside its figures: unsteady, backend-limited, errors, 429s, a count that differs, the 30%
     * rule.
     */
    static String notes(ResultRow r) {
        List<String> notes = new ArrayList<>();
        if ("no".equals(r.steady())) {
            notes.add("NOT STEADY: across the window tasks/s drift " + pct(r.drift()) + ", CPU per task "
                    + pct(r.cpuDrift()) + (r.cpuSettling() == null ? ""
                    : String.format(Locale.ROOT, ", CPU share over all samples %+.0f%% against each fork's second half",
                            r.cpuSettling() * 100)));
        }
        if (r.jitCpuShare() != null && r.jitCpuShare() > JIT_STILL_COMPILING) {
            // compile bursts land in single windows: the share without them is the settled one
            notes.add("JIT STILL COMPILING: " + pct(r.jitCpuShare())
                    + " of the client's CPU in the windows was compile time ("
                    + num(r.jitMs(), 0) + " ms per fork)" + (r.cpuShare() == null ? ""
                    : "; cpu without it " + String.format(Locale.ROOT, "%.1f%%",
                    100 * r.cpuShare() * (1 - r.jitCpuShare()))));
        }
        if (r.forkSpread() != null && r.forkSpread() > FORKS_DIFFER) {
            notes.add("FORKS DIFFER: their rates span " + pct(r.forkSpread())
                    + " of the mean, which sets the interval");
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
        if (r.speedupLow() != null && r.idealSpeedup() != null && r.speedupLow() > r.idealSpeedup()
                && r.throughput() != null
                && r.family() == Family.MIXED) {
            // A mixed row's ideal is the slower stage's rate, measured in a row of its own at another time.
            notes.add("ABOVE ITS IDEAL: faster than its slower stage measured alone, in a row of its own");
        } else if (r.speedupLow() != null && r.idealSpeedup() != null && r.speedupLow() > r.idealSpeedup()
                && r.throughput() != null) {
            // Above a bound no model can pass: each of its lanes did a task faster than serial did.
            notes.add(String.format(Locale.ROOT,
                    "ABOVE ITS IDEAL: serial took %.1f ms per task, this row %.1f ms on each of its %.0f"
                            + " lanes: the baseline ran slower per task, not the model past its bound",
                    1000 * r.speedup() / r.throughput(), 1000 * r.idealSpeedup() / r.throughput(), r.idealSpeedup()));
        }
        if (r.articleRule() != null && r.classification() != null && !r.articleRule().equals(r.classification())) {
            notes.add("article says " + r.articleRule() + ", per usable core " + r.classification());
        }
        return String.join("; ", notes);
    }
}
