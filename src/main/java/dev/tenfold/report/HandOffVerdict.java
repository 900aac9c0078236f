package dev.tenfold.report;

import static dev.tenfold.report.VerdictText.*;

import dev.tenfold.vocabulary.Variant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The verdict's hand-off section: a large input copied through the pipe against one shared mapping. */
final class HandOffVerdict {
    private HandOffVerdict() {
    }

    /**
     * The article's "pass big arrays through shared memory": the same task under worker JVMs, its
     * input copied down the pipe with every task or mapped from one shared file. A busy worker
     * spends W / throughput seconds per task; the difference is what the hand-off costs: the copy,
     * priced by the raw pipe's bandwidth measured in the same trial, and the rest, the worker's
     * reading, allocation and GC of the buffer it receives.
     * Each time per task carries its 99% range, the ratio the range of the two, and a row that is
     * not steady is named: a claim on a moving figure says so.
     */
    static void handOff(StringBuilder out, List<ResultRow> rows) {
        Map<String, ResultRow> byTransport = new TreeMap<>();
        rows.stream().filter(r -> r.variant() == Variant.PROCESS && r.workload().startsWith("handoff-")
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
                        + "  pipe: %.1f tasks/s with %d workers, %s ms per task;"
                        + " mmap: %.1f tasks/s with %d workers, %s ms per task%n"
                        + "  the hand-off through the pipe costs %.1f ms per task, %.1fx the time of the shared"
                        + " mapping (%s)%n",
                pipe.throughput(), pipe.workers(), range(pipeMs), mmap.throughput(), mmap.workers(), range(mmapMs),
                pipeMs[0] - mmapMs[0], pipeMs[0] / mmapMs[0], timeRatioInterval(pipe, mmap)));
        if (pipe.pipeCopyMs() != null) {
            double overhead = pipeMs[0] - mmapMs[0];
            double copy = pipe.pipeCopyMs();
            out.append(overhead <= copy
                    ? String.format(Locale.ROOT,
                    "  copying the input through the pipe alone takes %.1f ms (the raw pipe, measured in the"
                            + " same trial with large buffers): the copy accounts for all of it%n", copy)
                    : String.format(Locale.ROOT,
                    "  of those %.1f ms, copying the input through the pipe takes %.1f ms (the raw pipe,"
                            + " measured in the same trial with large buffers into one idle reader); the other"
                            + " %.1f ms are not measured apart: the worker reading into new arrays, allocation and"
                            + " GC, and W copies sharing the cores%n", overhead, copy, overhead - copy));
        }
        List<String> moving = java.util.stream.Stream.of(pipe, mmap).filter(r -> "no".equals(r.steady()))
                .map(ResultRow::workload).toList();
        if (!moving.isEmpty()) {
            out.append("  but ").append(String.join(" and ", moving)).append(moving.size() > 1 ? " are" : " is")
                    .append(" NOT STEADY: the figure is still moving\n");
        }
    }

    /**
     * The 99% interval of pipe time / mapping time per task, i.e. (W_pipe / W_mmap) x mmap tasks/s /
     * pipe tasks/s, by Fieller's theorem on the two means (Statistics.ratio), as every ratio here.
     */
    static String timeRatioInterval(ResultRow pipe, ResultRow mmap) {
        if (pipe.throughputError() == null || mmap.throughputError() == null) {
            return "no interval: one sample";
        }
        Statistics.Interval i = Statistics.ratio(
                mmap.estimate(),
                pipe.estimate());
        double workers = (double) pipe.workers() / mmap.workers();
        if (i == null || Double.isInfinite(i.high())) {
            return "no upper bound at 99%: the pipe's interval reaches 0 tasks/s";
        }
        return String.format(Locale.ROOT, "99%% interval %.1fx to %.1fx", workers * i.low(), workers * i.high());
    }

    /** Milliseconds per task of a busy worker, W / throughput: the estimate, then its 99% low and high. */
    static double[] msPerTask(ResultRow r) {
        double error = r.throughputError() == null ? 0 : r.throughputError();
        double high = r.throughput() - error <= 0 ? Double.POSITIVE_INFINITY
                : 1000.0 * r.workers() / (r.throughput() - error);
        return new double[] {1000.0 * r.workers() / r.throughput(), 1000.0 * r.workers() / (r.throughput() + error),
                high};
    }

    static String range(double[] ms) {
        return String.format(Locale.ROOT, "%.1f [%.1f, %s]", ms[0], ms[1],
                Double.isInfinite(ms[2]) ? "inf" : String.format(Locale.ROOT, "%.1f", ms[2]));
    }
}
