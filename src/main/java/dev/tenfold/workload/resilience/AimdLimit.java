package dev.tenfold.workload.resilience;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An adaptive limit on requests in flight, as in TCP congestion control. Slow start: from its
 * initial value the limit grows by one per success (doubling each round trip) until the first 429;
 * then AIMD: each success adds 1/limit (one per round trip), a 429 multiplies the limit by 0.9 (the
 * backoff ratio of Netflix's concurrency-limits AIMDLimit), never below 1 nor above the caller's
 * own concurrency. The client thus learns the server's K instead of being told it, and stays just
 * under it. Two guards keep the signal honest: a success grows the limit only while the limit is
 * full (a limit not in use has not been tested against the server), and the limit shrinks at most
 * once per round trip: a 429 to a request sent before the last decrease does not shrink it again
 * (the 429s of one overshoot are one signal; shrinking on each would collapse the limit, and slow
 * start past K=50 meets ~30 of them at once).
 */
public final class AimdLimit {
    static final double DECREASE = 0.9;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final int max;
    private double limit;
    private int inFlight;
    private boolean slowStart = true;
    /** Requests let in so far: each one's ticket. */
    private long sent;
    /** The ticket of the last request sent before the last decrease. */
    private long sentBeforeDecrease = -1;
    /** Requests sent before the last reset: they end without teaching the fresh limit anything. */
    private long sentBeforeReset = -1;

    public AimdLimit(int initial, int max) {
        this.max = max;
        this.limit = Math.min(initial, max);
    }

    /**
     * Waits until one more request fits under the limit, counts it in flight, and returns its ticket for {@link
     * #release}.
     */
    public long acquire() throws InterruptedException {
        lock.lock();
        try {
            while (inFlight >= (int) limit) {
                room.await();
            }
            inFlight++;
            return sent++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The request with {@code ticket} ended: {@code rejected} (429) shrinks the limit, {@code
     * succeeded} grows it, anything else leaves it.
     */
    public void release(long ticket, boolean succeeded, boolean rejected) {
        lock.lock();
        try {
            boolean full = inFlight >= (int) limit;
            inFlight--;
            if (ticket <= sentBeforeReset) {
                // sent under the limit before the reset: neither a success nor a 429 of it tests the fresh one
            } else if (rejected) {
                if (ticket > sentBeforeDecrease) {
                    slowStart = false;
                    limit = Math.max(1, limit * DECREASE);
                    sentBeforeDecrease = sent - 1;
                }
            } else if (succeeded && full) {
                limit = Math.min(max, limit + (slowStart ? 1 : 1 / limit));
            }
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts again from {@code initial}, in slow start, as a client that has just started: requests
     * already in flight stay counted (new ones wait for room) but teach the fresh limit nothing.
     */
    public void reset(int initial) {
        lock.lock();
        try {
            limit = Math.min(initial, max);
            slowStart = true;
            sentBeforeReset = sent - 1;
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public double limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }
}
