package dev.tenfold.model;

import dev.tenfold.workload.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * An open loop: tasks arrive at a constant rate from a timer that never waits for a completion,
 * and the model it wraps runs each as it would ({@link TakesArrivals}: a pool of C threads queues
 * it, a virtual thread per arrival waits for one of C slots, the async window lists it). Each
 * task's latency runs from its <em>intended</em> start, the tick it was due: when the timer runs
 * late (a GC pause, a busy core) it hands out every task it owes at once, each with the time it was
 * due, so a stall of the client shows in the latencies instead of slowing the arrivals
 * (coordinated omission, as wrk2 and HdrHistogram's own docs describe it).
 *
 * <p>Past the model's capacity (C / L for a window of C) arrivals outpace completions: the tasks
 * waiting grow with every window ({@link #waiting()}), and so does the latency of each.
 *
 * <p>Task indices cycle over {@code [0, tasks)} of the first run; {@link #run} returns once
 * {@code tasks} more tasks were due to arrive (a unit of pacing, as in {@link VirtualStreamModel}),
 * with the tasks that ended meanwhile, and each task is reported as it ends ({@code eachEnded}) so
 * a window counts the tasks that ended inside it. The warm-up runs the wrapped model in closed
 * batches ({@link #warmUpModel()}): its tasks take the same code path, faster than arrivals could.
 */
public final class OpenLoopModel implements ExecutionModel {
    private final ExecutionModel model;
    private final TakesArrivals arrivals;
    private final double ratePerSecond;
    private final Consumer<BatchResult> eachEnded;
    private final LinkedBlockingQueue<Outcome> ended = new LinkedBlockingQueue<>();
    private final AtomicLong arrived = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private volatile boolean arriving;
    private Thread timer;
    private Task streaming;
    /** How long a pause waits for the tasks already arrived to end (a backlog drains at the model's capacity). */
    private static final long PAUSE_TIMEOUT_SECONDS = 90;

    /**
     * @param model         a model that takes arrivals (platform, virtual, async)
     * @param ratePerSecond the offered rate: tasks arrive every 1/rate seconds
     * @param eachEnded     told of every task as it ends (a one-task result), on the task's thread
     */
    public OpenLoopModel(ExecutionModel model, double ratePerSecond, Consumer<BatchResult> eachEnded) {
        if (!(model instanceof TakesArrivals takes)) {
            throw new IllegalArgumentException(model.getClass().getSimpleName()
                    + " cannot take arrivals: no open loop for it");
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("an offered rate must be above 0, not " + ratePerSecond);
        }
        this.model = model;
        this.arrivals = takes;
        this.ratePerSecond = ratePerSecond;
        this.eachEnded = eachEnded;
    }

    @Override
    public synchronized BatchResult run(Task task, int tasks) throws InterruptedException {
        if (streaming != task) {
            pause();
        }
        if (timer == null) {
            start(task, tasks);
        }
        // An operation is the time its tasks take to arrive, not their ends: a window then closes at
        // no particular task's end (closing at one counted it in, ~1 task over per window: 5% of a
        // half-second window at 100/s), and past capacity the operations keep their pace. It starts
        // now if its predecessor ended before: a schedule kept through JMH's gap between iterations
        // returned the first calls of the next at once, and JMH counted 113.7 operations' worth of
        // tasks per second against 100 offered (343 against 300).
        operationEnd = Math.max(operationEnd, System.nanoTime()) + (long) (tasks * 1e9 / ratePerSecond);
        for (long wait = operationEnd - System.nanoTime(); wait > 0; wait = operationEnd - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        List<Outcome> outcomes = new ArrayList<>();
        ended.drainTo(outcomes);
        BatchRecorder recorder = new BatchRecorder(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            outcomes.get(i).into(recorder, i);
        }
        return recorder.result();
    }

    /** When the current operation ends: each adds its tasks' arrival time to the last one's end. */
    private long operationEnd;

    /** A task that ended, {@code nanos} after it was due. */
    private record Outcome(long digest, long nanos, Throwable error) {
        void into(BatchRecorder recorder, int slot) {
            if (error == null) {
                recorder.success(slot, digest, nanos);
            } else {
                recorder.failure(slot, error, nanos);
            }
        }
    }

    private void start(Task task, int cycle) {
        streaming = task;
        arriving = true;
        long origin = System.nanoTime();
        timer = Thread.ofPlatform().daemon().name("open-loop-timer").start(() -> {
            for (long next = 0; arriving; next++) {
                long due = origin + (long) (next * 1e9 / ratePerSecond);
                for (long wait = due - System.nanoTime(); wait > 0 && arriving; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                if (!arriving) {
                    return;
                }
                arrived.incrementAndGet();
                arrivals.arrive(task, (int) (next % cycle), (digest, error) -> ended(due, digest, error));
            }
        });
    }

    private void ended(long due, long digest, Throwable error) {
        Outcome outcome = new Outcome(digest, System.nanoTime() - due, error);
        BatchRecorder one = new BatchRecorder(1);
        outcome.into(one, 0);
        eachEnded.accept(one.result());
        ended.add(outcome);
        completed.incrementAndGet();
    }

    /** Tasks the timer has handed to the model so far. */
    public long arrived() {
        return arrived.get();
    }

    /** Tasks that arrived and have not ended: in flight, or waiting for a slot. */
    public long waiting() {
        return arrived.get() - completed.get();
    }

    /** Stops the arrivals and waits until every task that arrived has ended; forgets their outcomes. */
    @Override
    public synchronized void pause() {
        if (timer == null) {
            return;
        }
        arriving = false;
        LockSupport.unpark(timer);
        boolean interrupted = false;
        while (true) {
            try {
                timer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PAUSE_TIMEOUT_SECONDS);
        while (waiting() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        if (waiting() > 0) {
            System.err.println("tenfold: " + waiting() + " arrived task(s) still unfinished " + PAUSE_TIMEOUT_SECONDS
                    + " s after the arrivals stopped; going on without them");
        }
        ended.clear();
        timer = null;
        streaming = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean runsBetweenCalls() {
        return true;
    }

    @Override
    public boolean arrivalsQueue() {
        return true;
    }

    @Override
    public ExecutionModel warmUpModel() {
        return model;
    }

    @Override
    public void close() {
        try {
            pause();
        } finally {
            model.close();
        }
    }
}
