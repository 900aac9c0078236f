package dev.tenfold.report;

import static dev.tenfold.report.VerdictText.num;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The claim for CPU work, on the machine at hand: the right model can only use the cores it gets,
 * so "~10x" is a question for a machine with 10 or more usable cores, and a fair one only when the
 * cores are real. Per workload, the best model at all usable cores against that ideal; then what
 * the cores are: hyper-threads (two logical cores share one physical core's execution units) or a
 * cgroup or {@code taskset} share of a bigger machine.
 */
final class CpuVerdict {
    private CpuVerdict() {
    }

    static void render(StringBuilder out, List<ResultRow> rows) {
        List<ResultRow> allCores = rows.stream().filter(r -> !r.python() && r.family() == Family.CPU
                && r.variant() != Variant.SERIAL
                && !r.workload().startsWith("handoff") && r.speedup() != null && r.usableCores() != null
                && r.concurrency() != null
                && r.concurrency() >= r.usableCores()).toList();
        if (allCores.isEmpty()) {
            return;
        }
        ResultRow any = allCores.get(0);
        int cores = any.usableCores();
        out.append(String.format(Locale.ROOT,
                "%n== CPU work: does the right model make it ~10x faster? %d usable cores ==%n", cores));
        if (cores < Verdict.TENFOLD) {
            out.append(String.format(Locale.ROOT,
                    "  not here: with %d usable cores the ideal for CPU work is %dx, whatever the model;"
                    + " the claim needs 10 or more cores%n", cores, cores));
        }
        Map<String, List<ResultRow>> byWorkload = allCores.stream().collect(Collectors.groupingBy(ResultRow::workload,
                TreeMap::new,
                Collectors.toList()));
        byWorkload.forEach((workload, candidates) -> {
            ResultRow best = candidates.stream().max(Comparator.comparing(ResultRow::speedup)).orElseThrow();
            out.append(String.format(Locale.ROOT, "  %-13s %d cores: %s %sx of %s (%s of the ideal)%s%n", workload,
                    cores, best.variant(),
                    VerdictText.speedupWithInterval(best).strip(), num(best.idealSpeedup(), 0),
                    VerdictText.pct(best.efficiency()), cores >= Verdict.TENFOLD ? ", 10x: " + Verdict.tenfold(best)
                    : ""));
        });
        if (any.logicalCores() != null && any.physicalCores() != null && any.logicalCores() > any.physicalCores()
                && cores > any.physicalCores()) {
            out.append(String.format(Locale.ROOT,
                    "  %d of the usable cores are hyper-threads (%d logical on %d physical): two share one"
                    + " core's execution units, so compute-bound work gains well under 2x from the second; the ideal "
                    + "counts logical cores, and an efficiency near %s is what the physical cores allow%n",
                    cores - any.physicalCores(),
                    any.logicalCores(), any.physicalCores(), VerdictText.pct((double) any.physicalCores() / cores)));
        }
        if (any.logicalCores() != null && cores < any.logicalCores()) {
            out.append(String.format(Locale.ROOT,
                    "  this run could use %d of the machine's %d logical cores (%s): the ideal is %d%n",
                    cores, any.logicalCores(), Objects.requireNonNullElse(any.cpuPolicy(), "a cgroup quota or taskset"),
                    cores));
        }
    }
}
