package dev.tenfold.workload.resilience;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a client does when a request fails: give up ({@code no-retry}); retry after exponential
 * backoff with full jitter, honouring Retry-After (the article's advice, {@code retry}); or retry the
 * same way behind an adaptive concurrency limit that shrinks on every 429 and grows on success
 * ({@code adaptive}, AIMD: the step beyond the article). {@code adaptive} keeps what its limit
 * learnt for as long as the client lives (a service's client: the warm-up teaches it);
 * {@code adaptive-cold} starts every measured sample from the initial limit, so its figure includes
 * the learning.
 */
public enum RetryPolicy {
    NO_RETRY, RETRY, ADAPTIVE, ADAPTIVE_COLD;

    /** The name the CSV's workload column uses, e.g. {@code no-retry}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean retries() {
        return this != NO_RETRY;
    }

    /** Requests wait for room under an AIMD limit. */
    public boolean adaptive() {
        return this == ADAPTIVE || this == ADAPTIVE_COLD;
    }

    public static RetryPolicy of(String label) {
        return Arrays.stream(values()).filter(p -> p.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no retry policy named " + label
                        + " (no-retry, retry, adaptive, adaptive-cold)"));
    }
}
