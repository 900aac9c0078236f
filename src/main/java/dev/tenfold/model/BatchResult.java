package dev.tenfold.model;

/**
 * What a batch of tasks did. {@code succeeded + errors == attempted} always: a task that did not
 * succeed is an error, never silently dropped. {@code digest} combines the digests of the
 * succeeded tasks (the benchmark returns it so the work cannot be elided).
 */
public record BatchResult(int attempted, int succeeded, int errors, long digest,
                          long latencyNanosSum, String firstError) {

    public BatchResult {
        if (succeeded + errors != attempted) {
            throw new IllegalStateException("tasks unaccounted for: " + succeeded + " succeeded + "
                    + errors + " errors != " + attempted + " attempted");
        }
    }
}
