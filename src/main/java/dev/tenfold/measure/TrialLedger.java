package dev.tenfold.measure;

import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The ledger of one trial: what its tasks did (attempted, succeeded, failed, retried, answered
 * 429) and how long each took, into an HdrHistogram. The benchmark records each batch, a stream
 * each task as it ends; {@link CpuProfiler} drains it at both edges of every measured window, so
 * a window holds exactly the tasks that ended inside it, and reports it as secondary results.
 *
 * <p>The benchmark opens a new ledger at each trial's set-up and the profiler, which JMH creates
 * and which shares nothing else with the benchmark, finds it through {@link #current()}: one JMH
 * fork runs one trial at a time.
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

    /** Starts the ledger of a new trial in this JVM. */
    public static TrialLedger open() {
        current = new TrialLedger();
        return current;
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
