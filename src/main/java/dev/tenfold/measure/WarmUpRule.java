package dev.tenfold.measure;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * When a trial's warm-up is over: each JVM that runs its tasks has run its share of work, the JIT
 * is done, and the CPU per task no longer trends. Fed one warm-up batch at a time.
 *
 * <ul>
 *   <li><b>JIT done</b>: over the last {@value #JIT_SPAN_SECONDS} s (and at least
 *       {@value #JIT_SPAN_BATCHES} batches), the compile time of the fork and of its worker JVMs
 *       ({@code CompilationMXBean}) grew by at most {@value #JIT_QUIET_SHARE} of that span (the
 *       compiler threads were idle 98% of it), or by at most {@value #JIT_SHARE_OF_WORK} of the CPU
 *       the batches themselves spent in it (a CPU-bound task: what is left of the JIT is noise
 *       against the work). A rate alone cannot tell: a batch that waits on latency runs at the
 *       same rate with or without compiled code, while the JIT's CPU inflates the CPU share.</li>
 *   <li><b>CPU per task flat</b>: over the last {@value #CPU_SPAN_SECONDS} s (and at least
 *       {@value #CPU_SPAN_BATCHES} batches) the least-squares line of this JVM's CPU seconds per
 *       task moves by at most {@value #CPU_MAX_DRIFT} of its mean from first to last batch, or its
 *       slope is not significant at 5% (CPU time comes in 10 ms ticks, so short batches are
 *       noisy: the test asks for a trend, not for agreement).</li>
 * </ul>
 * The caller stops at its time cap whatever this says, and reports which ended the warm-up.
 */
public final class WarmUpRule {
    static final double JIT_SPAN_SECONDS = 2.0;
    static final int JIT_SPAN_BATCHES = 5;
    static final double JIT_QUIET_SHARE = 0.02;
    static final double JIT_SHARE_OF_WORK = 0.02;
    static final double CPU_SPAN_SECONDS = 4.0;
    static final int CPU_SPAN_BATCHES = 8;
    static final double CPU_MAX_DRIFT = 0.05;
    /** Two-sided level of the slope test. */
    static final double SIGNIFICANCE = 0.05;

    /**
     * One warm-up batch: its wall seconds, its tasks, this JVM's CPU seconds over it, and the
     * compile time (ms, fork + worker JVMs) at its end.
     */
    public record Batch(double seconds, long tasks, double cpuSeconds, long compileMillisAtEnd) {
        double cpuPerTask() {
            return cpuSeconds / Math.max(1, tasks);
        }
    }

    private final long minimumTasks;
    private final long compileMillisAtStart;
    private final List<Batch> batches = new ArrayList<>();
    private long tasks;

    /**
     * @param minimumTasks        tasks to run before anything else is asked (each JVM's share of work)
     * @param compileMillisAtStart the compile time before the first batch
     */
    public WarmUpRule(long minimumTasks, long compileMillisAtStart) {
        this.minimumTasks = minimumTasks;
        this.compileMillisAtStart = compileMillisAtStart;
    }

    public void add(Batch batch) {
        batches.add(batch);
        tasks += batch.tasks();
    }

    public long tasks() {
        return tasks;
    }

    /** Everything the rule asks holds after the batches so far. */
    public boolean done() {
        return tasks >= minimumTasks && jitDone() && cpuFlat();
    }

    /** What the rule saw last, for the fork's output: the work, the JIT's last span, the CPU trend. */
    public String status() {
        int jit = spanStart(JIT_SPAN_SECONDS, JIT_SPAN_BATCHES);
        int cpu = spanStart(CPU_SPAN_SECONDS, CPU_SPAN_BATCHES);
        String jitText = jit < 0 ? "JIT: too few batches"
                : String.format(java.util.Locale.ROOT, "JIT compiled %d ms in the last %.1f s",
                        compiledSince(jit), secondsFrom(jit));
        String cpuText = cpu < 0 ? "CPU per task: too few batches" : String.format(java.util.Locale.ROOT,
                "CPU per task %s over the last %.1f s", flat(cpuSeries(cpu)) ? "flat" : "trending", secondsFrom(cpu));
        String work = minimumTasks > 0 ? tasks + " of " + minimumTasks + " tasks" : tasks + " tasks";
        return String.format(java.util.Locale.ROOT, "%s; %s; %s", work, jitText, cpuText);
    }

    private double[] cpuSeries(int first) {
        return batches.subList(first, batches.size()).stream().mapToDouble(Batch::cpuPerTask).toArray();
    }

    /** The compile time grew by at most {@value #JIT_QUIET_SHARE} of the last span's wall time. */
    boolean jitDone() {
        int first = spanStart(JIT_SPAN_SECONDS, JIT_SPAN_BATCHES);
        if (first < 0) {
            return false;
        }
        long grew = compiledSince(first);
        double cpuSeconds = batches.subList(first, batches.size()).stream().mapToDouble(Batch::cpuSeconds).sum();
        return grew <= 1000 * Math.max(JIT_QUIET_SHARE * secondsFrom(first), JIT_SHARE_OF_WORK * cpuSeconds);
    }

    /** The CPU per task of the last span has no trend of more than {@value #CPU_MAX_DRIFT} that is significant. */
    boolean cpuFlat() {
        int first = spanStart(CPU_SPAN_SECONDS, CPU_SPAN_BATCHES);
        if (first < 0) {
            return false;
        }
        return flat(cpuSeries(first));
    }

    /**
     * A series in time order has no significant least-squares trend of more than {@value #CPU_MAX_DRIFT}
     * of its mean.
     */
    static boolean flat(double[] series) {
        SimpleRegression line = new SimpleRegression();
        double sum = 0;
        for (int i = 0; i < series.length; i++) {
            line.addData(i, series[i]);
            sum += series[i];
        }
        double mean = sum / series.length;
        if (series.length < 3) {
            return false; // no line through two points says anything
        }
        if (mean == 0) {
            return true; // no CPU at all: nothing to trend
        }
        double drift = line.getSlope() * (series.length - 1) / mean;
        double p = line.getSignificance();
        return Math.abs(drift) <= CPU_MAX_DRIFT || Double.isNaN(p) || p > SIGNIFICANCE;
    }

    /** The first of the last batches spanning at least {@code seconds} and {@code count} batches; -1: none yet. */
    private int spanStart(double seconds, int count) {
        double span = 0;
        for (int i = batches.size() - 1; i >= 0; i--) {
            span += batches.get(i).seconds();
            if (span >= seconds && batches.size() - i >= count) {
                return i;
            }
        }
        return -1;
    }

    /** Compile time (ms) from the start of batch {@code first} to the end of the last. */
    private long compiledSince(int first) {
        long before = first == 0 ? compileMillisAtStart : batches.get(first - 1).compileMillisAtEnd();
        return batches.get(batches.size() - 1).compileMillisAtEnd() - before;
    }

    private double secondsFrom(int first) {
        return batches.subList(first, batches.size()).stream().mapToDouble(Batch::seconds).sum();
    }

    /**
     * The last {@value #AGREEING} rates all lie within {@code spread} (a fraction) of their mean:
     * how the run's backend warm-up and the plain-client check tell that a plain loop has settled
     * (they have no JIT of their own to ask: the backend is another JVM).
     */
    public static boolean lastAgree(List<Double> rates, double spread) {
        if (rates.size() < AGREEING) {
            return false;
        }
        List<Double> last = rates.subList(rates.size() - AGREEING, rates.size());
        double mean = last.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return last.stream().allMatch(r -> Math.abs(r - mean) <= spread * mean);
    }

    /** Rates that must agree for {@link #lastAgree}. */
    public static final int AGREEING = 3;
}
