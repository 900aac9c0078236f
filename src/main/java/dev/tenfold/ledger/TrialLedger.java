package dev.tenfold.ledger;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The ledger of one trial: everything the benchmark, its models' child processes and the
 * profiler tell each other. What its tasks did (attempted, succeeded, failed, retried, answered
 * 429) and how long each took, into an HdrHistogram: the benchmark records each batch, a stream
 * each task as it ends, and the profiler drains it at both edges of every measured window, so a
 * window holds exactly the tasks that ended inside it. And the trial's facts the profiler reports
 * with every window: its set-up warm-up, the raw pipe's copy time, the background CPU, the compile
 * time of its worker JVMs, the CPU of child processes that stopped.
 *
 * <p>The benchmark opens a new ledger at each trial's set-up and passes it on; the profiler, which
 * JMH creates and which shares nothing else with the benchmark, and a child process that stops
 * find it through {@link #current()}: one JMH fork runs one trial at a time. The one JVM-wide
 * field is that pointer.
 */
public final class TrialLedger {
    /** HdrHistogram's precision: 3 significant digits, as wrk2 and the SPEC use. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private static volatile TrialLedger current = new TrialLedger();

    /**
     * One lock for the whole ledger: a stream records each task as it ends, from many threads,
     * while the profiler drains; separate counters would let a drain fall between a task's
     * attempt and its outcome, or between its count and its latency.
     */
    private final Object lock = new Object();
    private final Recorder latency = new Recorder(SIGNIFICANT_DIGITS);
    private long attempted;
    private long succeeded;
    private long errors;
    private long retries;
    private long rejected;
    private long latencyNanos;
    /** An open loop's counters (tasks arrived so far, tasks not yet ended), when the trial runs one. */
    private volatile LongSupplier arrivals;
    private volatile LongSupplier waiting;
    private long arrivedAtLastDrain;

    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    /**
     * Starts the ledger of a new trial in this JVM. The measured window's edges carry over: JMH
     * opens the first iteration's window before the trial's set-up opens its ledger.
     */
    public static TrialLedger open() {
        TrialLedger ledger = new TrialLedger();
        ledger.window = current.window;
        current = ledger;
        return ledger;
    }

    /** The ledger of the trial running in this JVM. */
    public static TrialLedger current() {
        return current;
    }

    /**
     * Records tasks that ended: their counts and each one's latency in nanoseconds (one entry per
     * attempted task; a negative one is a task that never started, counted but not timed).
     */
    public void record(long attemptedTasks, long succeededTasks, long errorTasks, long retryCount, long rejectedCount,
                       long[] latencyNanosEach) {
        synchronized (lock) {
            for (long nanos : latencyNanosEach) {
                if (nanos >= 0) {
                    latency.recordValue(nanos);
                    latencyNanos += nanos;
                }
            }
            attempted += attemptedTasks;
            succeeded += succeededTasks;
            errors += errorTasks;
            retries += retryCount;
            rejected += rejectedCount;
        }
    }

    /** The edges of the measured window open now, which the benchmark moves to its timed loop's. */
    public interface WindowEdges {
        /** Takes the window's start readings (again), now: the measured work starts. */
        void start();

        /** Takes the window's end readings, now, once: the measured work has ended. */
        void end();
    }

    private volatile WindowEdges window;
    private volatile WarmUp warmUp;
    private volatile Double pipeCopyMillis;
    private volatile Double backgroundCores;
    private volatile LongSupplier workerCompileMillis = () -> 0;
    private final Map<Long, Long> stoppedCpuMillis = new ConcurrentHashMap<>();

    /** The profiler opened a measured window (null: closed it). */
    public void windowOpened(WindowEdges edges) {
        window = edges;
    }

    /**
     * The measured work starts now. The benchmark calls it in its iteration set-up, right before
     * JMH's timed loop: JMH starts its profilers "way before the workload starts" (before the
     * trial's set-up, in the first iteration), so the window's start readings are taken again here,
     * and it holds the work JMH times and nothing else.
     */
    public void workStartsNow() {
        WindowEdges open = window;
        if (open != null) {
            open.start();
        }
    }

    /**
     * The measured work ended now. The benchmark calls it in its iteration tear-down, right after
     * JMH's timed loop: JMH stops its profilers well after that (and, in the last iteration, after
     * the trial's tear-down has stopped the model), so the window ends where the work JMH timed ends.
     */
    public void workEndsNow() {
        WindowEdges open = window;
        if (open != null) {
            open.end();
        }
    }

    /** The trial's set-up warm-up: how long it took and how many tasks it ran. */
    public record WarmUp(double seconds, long tasks) {
    }

    public void recordWarmUp(double seconds, long tasks) {
        warmUp = new WarmUp(seconds, tasks);
    }

    /** The set-up warm-up; null until it ran. */
    public WarmUp warmUp() {
        return warmUp;
    }

    /** Milliseconds the raw pipe takes to carry one task's input to a worker JVM (see PipeBandwidth). */
    public void recordPipeCopy(double millis) {
        pipeCopyMillis = millis;
    }

    /** The raw pipe's copy time per task; null unless the trial measured it. */
    public Double pipeCopyMillis() {
        return pipeCopyMillis;
    }

    /**
     * An idle reading of the cores the trial's JVMs keep busy with no task running: each is an
     * upper bound of the background (the JIT may still compile what it queued), so the lower one is
     * kept, unless {@code fresh} (the trial's first reading).
     */
    public void recordBackground(double cores, boolean fresh) {
        Double before = backgroundCores;
        backgroundCores = fresh || before == null ? cores : Math.min(before, cores);
    }

    /** The background in busy cores; null until measured. */
    public Double backgroundCores() {
        return backgroundCores;
    }

    /** How the compile time of the trial's worker JVMs is read (none: 0). */
    public void watchWorkerCompileMillis(LongSupplier source) {
        workerCompileMillis = source;
    }

    /** Compile time so far of this JVM and of the trial's worker JVMs, in milliseconds. */
    public long compileMillis() {
        return JIT.getTotalCompilationTime() + workerCompileMillis.getAsLong();
    }

    /**
     * A child process stopped, having spent {@code cpuMillis}: a window that spans its end would
     * otherwise lose all CPU it spent in that window.
     */
    public void childStopped(long pid, long cpuMillis) {
        stoppedCpuMillis.put(pid, cpuMillis);
    }

    /** The CPU milliseconds of the children stopped since the last call, by pid. */
    public Map<Long, Long> drainStoppedChildren() {
        Map<Long, Long> stopped = new HashMap<>();
        for (Long pid : stoppedCpuMillis.keySet()) {
            Long millis = stoppedCpuMillis.remove(pid);
            if (millis != null) {
                stopped.put(pid, millis);
            }
        }
        return stopped;
    }

    /**
     * For a trial whose tasks arrive on a timer: each drain also reads how many arrived since the
     * last one, and how many have arrived but not ended (in flight or queued).
     */
    public void watchArrivals(LongSupplier arrivedSoFar, LongSupplier notEnded) {
        synchronized (lock) {
            arrivals = arrivedSoFar;
            waiting = notEnded;
            arrivedAtLastDrain = arrivedSoFar.getAsLong();
        }
    }

    /** Counts of the tasks recorded since the last drain. */
    public record Tally(long succeeded, long errors, long retries, long rejected) {
    }

    /**
     * What was recorded since the last drain, left in place: while a window is open (it drained at
     * its start), what ended inside it so far.
     */
    public Tally sinceDrain() {
        synchronized (lock) {
            return new Tally(succeeded, errors, retries, rejected);
        }
    }

    /** Returns what was recorded since the last drain and starts a new window. */
    public Window drain() {
        synchronized (lock) {
            Long arrived = null;
            if (arrivals != null) {
                long now = arrivals.getAsLong();
                arrived = now - arrivedAtLastDrain;
                arrivedAtLastDrain = now;
            }
            Window window = new Window(attempted, succeeded, errors, retries, rejected, latencyNanos,
                    latency.getIntervalHistogram(), arrived, waiting == null ? null : waiting.getAsLong());
            attempted = 0;
            succeeded = 0;
            errors = 0;
            retries = 0;
            rejected = 0;
            latencyNanos = 0;
            return window;
        }
    }

    /**
     * What the tasks of one window did; {@code latency} holds the timed ones, in nanoseconds. In an
     * open loop, {@code arrived}: tasks that arrived in the window, {@code waiting}: tasks arrived
     * and not ended at its end; both null otherwise.
     */
    public record Window(long attempted, long succeeded, long errors, long retries, long rejected,
                         long latencyNanosSum, Histogram latency, Long arrived, Long waiting) {
        /** Mean latency of the tasks that were timed, in milliseconds; 0 when none was. */
        public double meanLatencyMs() {
            long timed = latency.getTotalCount();
            return timed == 0 ? 0.0 : latencyNanosSum / 1e6 / timed;
        }
    }
}
