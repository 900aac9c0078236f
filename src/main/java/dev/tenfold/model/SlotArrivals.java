package dev.tenfold.model;

import dev.tenfold.workload.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open loop's side of the process pool: arrivals wait in one queue until a slot's worker is
 * free; each slot has a loop that takes the next one and runs it on its worker. The loops start
 * with the first arrival and end when the pool closes; an arrival then, or one still queued, ends
 * in an error: none is silently lost.
 */
final class SlotArrivals {
    static final String CLOSED = "the worker pool closed";

    /** Runs task {@code index} in the worker of {@code slot} and tells {@code answer} how it ended. */
    interface SlotRunner {
        void runInSlot(int slot, Task task, int index, ProcessPoolModel.Answer answer);
    }

    private record Arrival(Task task, int index, TakesArrivals.TaskEnd end) {
    }

    private final int slots;
    private final SlotRunner runner;
    private final LinkedBlockingQueue<Arrival> queue = new LinkedBlockingQueue<>();
    private final List<Thread> loops = new ArrayList<>();
    /** Loops still running; at 0 (the pool closed) the queue's tasks, and any later arrival, fail. */
    private final AtomicInteger liveLoops = new AtomicInteger();
    /** Read by every arrival without the lock, which a worker's restart in a loop may hold long. */
    private volatile boolean started;
    private volatile boolean closed;

    SlotArrivals(int slots, SlotRunner runner) {
        this.slots = slots;
        this.runner = runner;
    }

    void arrive(Task task, int index, TakesArrivals.TaskEnd end) {
        if (closed) {
            end.ended(0, new IOException(CLOSED));
            return;
        }
        if (!started) {
            start();
        }
        queue.add(new Arrival(task, index, end));
        if (liveLoops.get() == 0) {
            failWaiting(); // the pool closed as it arrived
        }
    }

    private synchronized void start() {
        if (started || closed) {
            return;
        }
        liveLoops.set(slots);
        for (int slot = 0; slot < slots; slot++) {
            int mine = slot;
            loops.add(Thread.ofPlatform().daemon().name("arrivals-" + slot).start(() -> take(mine)));
        }
        started = true;
    }

    /**
     * Slot {@code slot}'s loop: the next arrival, on its worker, until the pool closes. A slot whose
     * worker could not be replaced stays in: its next arrival fails and tries again, as the next
     * batch would, so the row never runs silently on fewer workers.
     */
    private void take(int slot) {
        try {
            while (!closed) {
                Arrival next = queue.take();
                AtomicBoolean told = new AtomicBoolean();
                try {
                    runner.runInSlot(slot, next.task(), next.index(), (digest, error, nanos) -> {
                        told.set(true);
                        next.end().ended(digest, error);
                    });
                } catch (RuntimeException | Error unexpected) {
                    System.err.println("tenfold: the arrivals of worker slot " + slot + ": " + unexpected);
                    if (!told.get()) {
                        next.end().ended(0, unexpected);
                    }
                }
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        } finally {
            if (liveLoops.decrementAndGet() == 0) {
                failWaiting();
            }
        }
    }

    /** Ends every arrival still queued with an error once the pool closed. */
    private void failWaiting() {
        for (Arrival left = queue.poll(); left != null; left = queue.poll()) {
            left.end().ended(0, new IOException(CLOSED));
        }
    }

    /** The pool closed: the loops stop, and what still waits or arrives fails. */
    synchronized void close() {
        closed = true;
        loops.forEach(Thread::interrupt);
    }
}
