package dev.tenfold.workload.resilience;

import java.util.SplittableRandom;

/**
 * Which requests the flaky endpoint fails: a fraction {@code unavailable} answered 503 and a
 * fraction {@code reset} whose connection is reset, drawn from (seed, item, attempt). The draw
 * depends on nothing else (not on timing, thread or order), so a run is reproducible from its seed
 * and the backend and a test compute the same outcomes. The attempt number is part of the draw so
 * that a retry of a failed item is a fresh draw, as it would be against a real flaky server.
 */
public record Flakiness(double unavailable, double reset, long seed) {
    /** The request header carrying the attempt number (0 for the first). */
    public static final String ATTEMPT_HEADER = "X-Tenfold-Attempt";

    public enum Outcome { OK, UNAVAILABLE, RESET }

    public Flakiness {
        if (unavailable < 0 || reset < 0 || unavailable + reset > 1) {
            throw new IllegalArgumentException("failure fractions must be >= 0 and sum to <= 1: " + unavailable + ", "
                    + reset);
        }
    }

    public Outcome outcome(long item, int attempt) {
        double u = new SplittableRandom(seed ^ (item * 0x9E3779B97F4A7C15L) ^ ((long) attempt << 48)).nextDouble();
        return u < unavailable ? Outcome.UNAVAILABLE : u < unavailable + reset ? Outcome.RESET : Outcome.OK;
    }

    /** The query that tells the backend these fractions and the seed. */
    public String query() {
        return "p503=" + unavailable + "&pReset=" + reset + "&seed=" + seed;
    }
}
