package dev.tenfold.report;

import static dev.tenfold.report.VerdictText.num;
import static dev.tenfold.report.VerdictText.pct;
import static dev.tenfold.report.VerdictText.speedupWithInterval;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The verdict's section "the post's advice, Python against Java": each claim the post makes for
 * Python, with the Python recipe's figure and the Java figure from the same run (same tasks, same
 * backend, same C and latency), and whether the advice carries over. Every conclusion follows the
 * intervals, as in the rest of the verdict.
 */
final class PythonVerdict {
    /** Speedups of threads on CPU work up to this count as "threads do not help" (the GIL holds). */
    static final double NO_HELP = 1.3;

    private PythonVerdict() {
    }

    static void againstJava(StringBuilder out, List<ResultRow> rows) {
        List<ResultRow> python = rows.stream().filter(ResultRow::python).toList();
        if (python.isEmpty()) {
            return;
        }
        List<ResultRow> java = rows.stream().filter(r -> !r.python()).toList();
        out.append(String.format(Locale.ROOT,
                "%n== the post's advice, Python against Java (same tasks, backend, C and latency) ==%n"));
        io(out, python, java);
        cpu(out, python, java);
        out.append("  download first, then process in a pool: the mixed family runs in Java only\n");
    }

    /** I/O: "use asyncio at concurrency 10-100": each C the Python rows ran, against Java's best there. */
    private static void io(StringBuilder out, List<ResultRow> python, List<ResultRow> java) {
        python.stream().filter(r -> r.family() == Family.IO && r.speedup() != null && r.variant() != Variant.SERIAL)
                .map(r -> List.of(r.concurrency(), r.latencyMs())).distinct().forEach(cl -> {
                    Predicate<ResultRow> here = r -> r.family() == Family.IO
                            && Objects.equals(r.concurrency(), cl.get(0))
                            && Objects.equals(r.latencyMs(), cl.get(1)) && r.speedup() != null;
                    List<ResultRow> py = python.stream().filter(here)
                            .sorted(Comparator.comparing(ResultRow::speedup).reversed()).toList();
                    Optional<ResultRow> bestJava = java.stream().filter(here.and(r -> r.variant() != Variant.SERIAL))
                            .max(Comparator.comparing(ResultRow::speedup));
                    out.append(String.format(Locale.ROOT, "  I/O at C=%d, %d ms: Python %s; Java %s%n", cl.get(0),
                            cl.get(1),
                            String.join(", ", py.stream().map(PythonVerdict::figure).toList()),
                            bestJava.map(r -> "best " + figure(r)).orElse("not run at this C and latency")));
                    bestJava.ifPresent(j -> out.append("    " + compared(py.get(0), j) + "\n"));
                });
        List<ResultRow> withMemory = python.stream().filter(r -> r.family() == Family.IO
                && r.descendantsRssMb() != null).toList();
        if (!withMemory.isEmpty()) {
            out.append("  memory of the interpreters (peak PSS, the JMH fork that drives them left out): "
                    + String.join(", ", withMemory.stream().map(r -> r.variant()
                    + (r.concurrency() == null || r.concurrency() == 1 ? ""
                            : " C=" + r.concurrency()) + " " + num(r.descendantsRssMb(), 0) + " MiB").toList()) + "\n");
        }
        python.stream().filter(r -> r.family() == Family.IO && r.variant() == Variant.SERIAL
                && r.cpuShare() != null).findFirst()
                .ifPresent(serial -> {
                    Optional<ResultRow> javaSerial = java.stream().filter(r -> r.family() == Family.IO
                            && r.variant() == Variant.SERIAL
                            && Objects.equals(r.latencyMs(), serial.latencyMs()) && r.cpuShare() != null).findFirst();
                    out.append(String.format(Locale.ROOT,
                            "  the 30%% rule on serial I/O: Python CPU %s (its idle JMH fork included) -> %s%s%n",
                            pct(serial.cpuShare()), serial.articleRule(), javaSerial.map(j -> String.format(Locale.ROOT,
                                    "; Java CPU %s -> %s", pct(j.cpuShare()), j.articleRule())).orElse("")));
                });
    }

    /** CPU: "threads don't help (the GIL), use processes, cpu_count()-1 of them". */
    private static void cpu(StringBuilder out, List<ResultRow> python, List<ResultRow> java) {
        python.stream().filter(r -> r.family() == Family.CPU
                && r.speedup() != null).map(ResultRow::workload).distinct().forEach(workload -> {
            Predicate<ResultRow> same = r -> r.family() == Family.CPU && workload.equals(r.workload())
                    && r.speedup() != null;
            int cores = python.get(0).usableCores() == null ? 1 : python.get(0).usableCores();
            Optional<ResultRow> threads = find(python, same.and(r -> r.variant() == Variant.THREADS
                    && Objects.equals(r.concurrency(), cores)));
            Optional<ResultRow> processes = find(python, same.and(r -> r.variant() == Variant.PROCESS
                    && Objects.equals(r.workers(), cores)));
            Optional<ResultRow> javaThreads = find(java, same.and(r -> r.variant() == Variant.PLATFORM
                    && Objects.equals(r.concurrency(), cores)));
            Optional<ResultRow> javaProcesses = find(java, same.and(r -> r.variant() == Variant.PROCESS
                    && Objects.equals(r.workers(), cores)));
            out.append(String.format(Locale.ROOT,
                    "  CPU (%s) on %d cores: Python threads %s, processes %s; Java threads %s, worker JVMs %s%n",
                    workload, cores, threads.map(PythonVerdict::speedup).orElse("not run"),
                    processes.map(PythonVerdict::speedup).orElse("not run"),
                    javaThreads.map(PythonVerdict::speedup).orElse("not run"),
                    javaProcesses.map(PythonVerdict::speedup).orElse("not run")));
            threads.ifPresent(t -> out.append("    \"threads don't help CPU work (the GIL)\": " + gilVerdict(t)
                    + "\n"));
            Optional<ResultRow> fewer = find(python, same.and(r -> r.variant() == Variant.PROCESS
                    && Objects.equals(r.workers(), cores - 1)));
            Optional<ResultRow> javaFewer = find(java, same.and(r -> r.variant() == Variant.PROCESS
                    && Objects.equals(r.workers(), cores - 1)));
            if (fewer.isPresent() && processes.isPresent()) {
                out.append(String.format(Locale.ROOT, "    \"cpu_count()-1 processes\": Python %s%s%n",
                        fewerVerdict(fewer.get(), processes.get()),
                        javaFewer.isPresent() && javaProcesses.isPresent() ? "; Java "
                        + fewerVerdict(javaFewer.get(), javaProcesses.get()) : ""));
            }
        });
    }

    private static Optional<ResultRow> find(List<ResultRow> rows, Predicate<ResultRow> which) {
        return rows.stream().filter(which).findFirst();
    }

    /** {@code asyncio 9.93 [9.61, 10.25]x (CPU 4%)}. */
    static String figure(ResultRow r) {
        return r.variant() + " " + speedup(r);
    }

    /** {@code 9.93 [9.61, 10.25]x (CPU 4%)}. */
    static String speedup(ResultRow r) {
        return speedupWithInterval(r) + "x (CPU " + pct(r.cpuShare()) + ")";
    }

    /** The best Python row against the best Java row, by their throughputs' intervals. */
    static String compared(ResultRow python, ResultRow java) {
        if (Verdict.beats(java, python)) {
            String why = python.errors() != null && python.errors() > 0 ? " (Python's row has " + python.errors()
                    + " errors)"
                    : oneInterpreter(python) && python.busyCores() != null && python.busyCores() >= ONE_CORE
                    ? " (Python's keeps " + num(python.busyCores(), 2)
                    + " cores busy: one interpreter, one core at a time)" : "";
            return String.format(Locale.ROOT, "Java's %s does %sx the throughput of Python's %s%s", java.variant(),
                    num(java.throughput() / python.throughput(), 2), python.variant(), why);
        }
        if (Verdict.beats(python, java)) {
            return String.format(Locale.ROOT, "Python's %s beats Java's %s (%sx)", python.variant(), java.variant(),
                    num(python.throughput() / java.throughput(), 2));
        }
        return python.throughputError() == null || java.throughputError() == null
                ? "no intervals: not compared" : "Python's " + python.variant() + " and Java's " + java.variant()
                + " are indistinguishable in tasks/s" + ("littles-law".equals(python.bound())
                && "littles-law".equals(java.bound())
                ? ": both on Little's law, which the language does not change" : "");
    }

    /** Busy cores from which one interpreter counts as CPU-bound. */
    static final double ONE_CORE = 0.8;

    /** The variants that run in one interpreter (its GIL), not in a pool of processes. */
    private static boolean oneInterpreter(ResultRow r) {
        return !r.variant().usesWorkerProcesses();
    }

    static String gilVerdict(ResultRow threads) {
        if (threads.speedupLow() == null || threads.speedupHigh() == null) {
            return "untested (no interval)";
        }
        if (threads.speedupHigh() <= NO_HELP) {
            return "holds here (" + num(threads.speedup(), 2) + "x)";
        }
        if (threads.speedupLow() > NO_HELP) {
            return "does not hold here: threads give " + num(threads.speedup(), 2)
                    + "x (the work runs in C code that lets go"
                    + " of the GIL: CPython's hashlib does while it hashes 2 KiB or more)";
        }
        return "inconclusive (the interval holds " + NO_HELP + "x)";
    }

    /** cores-1 workers against cores workers, by the intervals of their throughputs. */
    static String fewerVerdict(ResultRow fewer, ResultRow all) {
        String ratio = num(fewer.throughput() / all.throughput(), 2) + "x the throughput of " + all.workers();
        if (Verdict.beats(all, fewer)) {
            return fewer.workers() + " do " + ratio + ": slower, a core left idle";
        }
        if (Verdict.beats(fewer, all)) {
            return fewer.workers() + " do " + ratio + ": faster";
        }
        return fewer.workers() + " indistinguishable from " + all.workers();
    }
}
