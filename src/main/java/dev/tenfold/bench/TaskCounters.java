package dev.tenfold.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What JMH itself reports beside its score (batches/s): tasks that succeeded, tasks that
 * failed, retries and 429 answers, each per second, as secondary results named {@code tasks},
 * {@code errors}, {@code retries} and {@code http429} in JMH's output and JSON (so a bare run
 * opened in any JMH tool shows tasks/s). The CSV's figures come from the profiler, which
 * counts the same tasks over the same windows and adds CPU and memory. A batch adds its own tasks;
 * a stream or an open loop, whose tasks also end between calls, sets them to what the trial's
 * ledger counted inside the window (BatchBenchmark#runBatch).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class TaskCounters {
    public long tasks;
    public long errors;
    public long retries;
    public long http429;

    @Setup(Level.Iteration)
    public void reset() {
        tasks = 0;
        errors = 0;
        retries = 0;
        http429 = 0;
    }
}
