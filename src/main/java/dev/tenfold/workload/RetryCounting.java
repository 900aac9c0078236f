package dev.tenfold.workload;

/** A task that retries: it counts retries and 429s, and hands the counts over once per batch. */
public interface RetryCounting {

    /** What a batch of tasks added up to. */
    record RetryCounts(long retries, long rejected) {
        public static final RetryCounts NONE = new RetryCounts(0, 0);
    }

    /** The counts since the last call, which starts new ones. */
    RetryCounts drainRetryCounts();
}
