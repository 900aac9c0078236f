package dev.tenfold.workload;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An adaptive limit on requests in flight, AIMD as in TCP congestion control: each success adds
 * 1/limit (one per window of requests), each 429 multiplies the limit by 0.9 (the backoff ratio of
 * Netflix's concurrency-limits AIMDLimit), never below 1 nor above the caller's own concurrency.
 * The client thus learns the server's K instead of being told it, and stays just under it. A
 * success grows the limit only while the limit is full: a limit that is not in use (the tail of a
 * batch) has not been tested against the server and must not creep up.
 */
public final class AimdLimit {
    static final double DECREASE = 0.9;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final int max;
    private double limit;
    private int inFlight;

    public AimdLimit(int initial, int max) {
        this.max = max;
        this.limit = Math.min(initial, max);
    }

    /** Waits until one more request fits under the limit, and counts it in flight. */
    public void acquire() throws InterruptedException {
        lock.lock();
        try {
            while (inFlight >= (int) limit) {
                room.await();
            }
            inFlight++;
        } finally {
            lock.unlock();
        }
    }

    /** A request ended: {@code rejected} (429) shrinks the limit, {@code succeeded} grows it, anything else leaves it. */
    public void release(boolean succeeded, boolean rejected) {
        lock.lock();
        try {
            boolean full = inFlight >= (int) limit;
            inFlight--;
            if (rejected) {
                limit = Math.max(1, limit * DECREASE);
            } else if (succeeded && full) {
                limit = Math.min(max, limit + 1 / limit);
            }
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
