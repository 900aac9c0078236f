package dev.tenfold.workload.cpu;

import dev.tenfold.workload.Task;
import dev.tenfold.workload.TaskCheckFailed;
import dev.tenfold.workload.TaskSpec;

/**
 * A CPU task whose every result is checked. Task {@code i} works on input {@code i % inputs}; the
 * expected digest of each input is computed once, serially, when the task is built (in every JVM
 * that runs it), so a model that skips, corrupts or races on work fails the check instead of
 * looking fast. Java's floating point is deterministic, so a correct run matches exactly.
 */
public abstract class CheckedCpuTask implements Task {
    private long[] expected;

    /** Every CPU task runs in worker JVMs too. */
    @Override
    public abstract TaskSpec workerSpec();

    @Override
    public final String describe() {
        return workerSpec().line();
    }

    /** Does the work on input {@code input} and returns a digest of its full result. */
    protected abstract long compute(int input);

    /**
     * Computes the expected digests of the {@code inputs} distinct inputs the tasks cycle through;
     * call at the end of the subclass constructor.
     */
    protected final void precomputeExpected(int inputs) {
        expected = new long[inputs];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = compute(i);
        }
    }

    /** The digest task {@code index} must yield: what a runtime other than this JVM's is checked against. */
    public final long expected(int index) {
        return expected[index % expected.length];
    }

    @Override
    public final long run(int index) throws TaskCheckFailed {
        int input = index % expected.length;
        long digest = compute(input);
        if (digest != expected[input]) {
            throw new TaskCheckFailed(describe() + ": task " + index + " digest " + Long.toHexString(digest)
                    + " != expected " + Long.toHexString(expected[input]));
        }
        return digest;
    }
}
