package dev.tenfold.workload;

/**
 * A baseline's small batches as even samples of a larger task mix: with a mix of {@code mix}
 * task indices and batches of {@code tasks}, the k-th batch runs task {@code k mod stride + i x
 * stride} as its task i (stride = mix / tasks), so each batch samples the whole mix and, over
 * {@code stride} batches, runs every task once; speedups against rows with bigger batches then
 * divide like by like (the mixed family's images differ in size). A mix no bigger than a batch
 * leaves the task as it is.
 */
public final class MixStride {
    private final int mix;
    private final int tasks;
    private int batches;

    public MixStride(int mix, int tasks) {
        this.mix = mix;
        this.tasks = tasks;
    }

    /** {@code whole} as the next batch runs it: itself, or its stride over the mix. */
    public Task next(Task whole) {
        if (mix <= tasks) {
            return whole;
        }
        int stride = mix / tasks;
        return new Strided(whole, batches++ % stride, stride);
    }

    /** Task i of a batch is task {@code offset + i x stride} of the whole mix. */
    record Strided(Task inner, int offset, int stride) implements Task {
        @Override
        public long run(int index) throws Exception {
            return inner.run(offset + index * stride);
        }

        @Override
        public String describe() {
            return inner.describe() + " strided " + offset + "+" + stride + "i";
        }

        @Override
        public byte[] payload(int index) {
            return inner.payload(offset + index * stride);
        }

        @Override
        public long run(int index, byte[] payload) throws Exception {
            return inner.run(offset + index * stride, payload);
        }
    }
}
