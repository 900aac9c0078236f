package dev.tenfold.workload.resilience;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry n (n = 1, 2, ...) wait a uniform random time
 * in [0, min(cap, base x 2^(n-1))], after the server's Retry-After when it sent one. With base
 * 100 ms this is the article's {@code 0.1 * 2^attempt} s; the jitter (AWS's "full jitter") keeps
 * clients that failed together from retrying together, which would hit the limit again in lockstep.
 * The jitter is added to Retry-After, not raised to it: Retry-After is whole seconds, longer than
 * the first jitter windows, so max(Retry-After, jitter) would send a whole wave of 429s back at
 * the same instant.
 */
public record Backoff(long baseMs, long capMs, int maxAttempts) {
    /** The article's schedule, capped at 5 s, 8 attempts in all. */
    public static final Backoff ARTICLE = new Backoff(100, 5_000, 8);

    public Backoff {
        if (baseMs <= 0 || capMs < baseMs || maxAttempts < 1) {
            throw new IllegalArgumentException("bad backoff: base " + baseMs + " ms, cap " + capMs + " ms, "
                    + maxAttempts + " attempts");
        }
    }

    /** Milliseconds to wait before retry {@code retry} (1 for the first retry). */
    public long delayMs(int retry, long retryAfterMs, RandomGenerator random) {
        long ceiling = Math.min(capMs, baseMs << Math.min(retry - 1, 30));
        return retryAfterMs + random.nextLong(ceiling + 1);
    }
}
