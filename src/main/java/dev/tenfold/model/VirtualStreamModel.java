package dev.tenfold.model;

import dev.tenfold.workload.Task;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Virtual threads with C in flight and no batch boundary: a task starts as soon as one ends, and
 * {@link #run} returns once {@code tasks} more tasks have ended, whichever they were. This is the
 * {@code virtual} model (a virtual thread per task, at most C in flight) measured as a sustained
 * rate instead of a job.
 *
 * <p>Why: a batch ends with its slowest task. Against a rate-limited server that is a task waiting
 * out a Retry-After of a second while the rest are done, so a batch's rate measures the job's tail,
 * not the client's policy (adaptive at C=500: 47% of K/L in one-second batches, 83% in jobs of
 * 10,000 requests). Here every window counts the tasks that ended in it, with C in flight all along.
 *
 * <p>Task indices cycle over {@code [0, tasks)} of the first run. The stream runs between calls,
 * so an operation's tasks may have ended before it began (in JMH's gap between iterations, while
 * the profiler reads): an operation is a unit of pacing, not of counting. Each task is reported
 * as it ends ({@code eachEnded}), and a window counts those that ended in it. (Counting by
 * operation put 1,000 no-retry tasks that had piled up in the gap into one 0.15 s window: 2,991
 * tasks/s against a server that admits 1,000/s.) {@link #pause()}, before the profiler's idle
 * readings and at tear-down, starts no more tasks and lets those in flight end as they would,
 * outside any window.
 */
public final class VirtualStreamModel implements ExecutionModel {
    private final int concurrency;
    private final Semaphore inFlight;
    private final LinkedBlockingQueue<Outcome> ended = new LinkedBlockingQueue<>();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private Thread feeder;
    private Task streaming;
    private volatile boolean feeding;
    /**
     * How long a pause lets the tasks in flight end on their own: a retrying task's backoff is capped
     * at 5 s per attempt, 8 attempts in all (workload/resilience/Backoff), so ~20 s ends any of them.
     */
    private static final long DRAIN_SECONDS = 30;
    /** How long a pause then waits for interrupted tasks (the HTTP client's request timeout is 60 s). */
    private static final long PAUSE_TIMEOUT_SECONDS = 90;

    /** A task that ended: its digest, or the error it ended with. */
    private record Outcome(long digest, long nanos, Throwable error) {
    }

    private final Consumer<BatchResult> eachEnded;

    /**
     * @param eachEnded told of every task as it ends (a one-task result), on the task's thread: a
     *                  window that counts tasks by when they ended counts exactly the ones in it,
     *                  which operations, ending mid-stream, cannot
     */
    public VirtualStreamModel(int concurrency, Consumer<BatchResult> eachEnded) {
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
        this.eachEnded = eachEnded;
    }

    @Override
    public synchronized BatchResult run(Task task, int tasks) throws InterruptedException {
        if (streaming != task) {
            pause();
        }
        if (feeder == null) {
            start(task, tasks);
        }
        BatchRecorder recorder = new BatchRecorder(tasks);
        for (int i = 0; i < tasks; i++) {
            Outcome outcome = ended.take();
            if (outcome.error() == null) {
                recorder.success(i, outcome.digest(), outcome.nanos());
            } else {
                recorder.failure(i, outcome.error(), outcome.nanos());
            }
        }
        return recorder.result();
    }

    private void start(Task task, int cycle) {
        streaming = task;
        feeding = true;
        feeder = Thread.ofPlatform().daemon().name("stream-feeder").start(() -> {
            Thread.Builder threads = Thread.ofVirtual().name("stream-", 0);
            for (long next = 0; ; next++) {
                try {
                    inFlight.acquire(); // a pause wakes it too: when the next task in flight ends
                } catch (InterruptedException stop) {
                    return;
                }
                if (!feeding) {
                    inFlight.release();
                    return;
                }
                int index = (int) (next % cycle);
                try {
                    Thread started = threads.unstarted(() -> {
                        try {
                            Outcome outcome = runOne(task, index);
                            eachEnded.accept(outcome.error() == null
                                    ? new BatchResult(1, 1, 0, outcome.digest(), new long[] {outcome.nanos()}, null)
                                    : new BatchResult(1, 0, 1, 0, new long[] {outcome.nanos()},
                                    outcome.error().toString()));
                            ended.add(outcome);
                        } finally {
                            running.remove(Thread.currentThread());
                            inFlight.release();
                        }
                    });
                    running.add(started);
                    try {
                        started.start();
                    } catch (RuntimeException | OutOfMemoryError refused) {
                        running.remove(started);
                        throw refused;
                    }
                } catch (RuntimeException | OutOfMemoryError refused) {
                    inFlight.release();
                    ended.add(new Outcome(0, 0, refused));
                }
            }
        });
    }

    private static Outcome runOne(Task task, int index) {
        long start = System.nanoTime();
        try {
            return new Outcome(task.run(index), System.nanoTime() - start, null);
        } catch (Exception | Error e) { // an Error too: a task without an outcome would hang run() for good
            return new Outcome(0, System.nanoTime() - start, e);
        }
    }

    /**
     * Starts no more tasks, waits until those in flight have ended and forgets them. They end as they
     * would have: interrupted, they took paths no measured window takes, and the JIT threw its
     * compiled client away for them (uncommon traps in the HTTP client, the virtual threads' parking,
     * the semaphore; seen with -XX:+PrintCompilation), then compiled it again inside the first
     * measured windows (1-6 s of compile per fork, with the CPU share falling over the first five
     * samples). Only a task still running after {@value #DRAIN_SECONDS} s is interrupted.
     */
    @Override
    public synchronized void pause() {
        if (feeder == null) {
            return;
        }
        feeding = false;
        boolean interrupted = false;
        boolean drained = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
            feeder.join(TimeUnit.SECONDS.toMillis(DRAIN_SECONDS));
            drained = !feeder.isAlive() && inFlight.tryAcquire(concurrency,
                    Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (!drained) {
            System.err.println("tenfold: " + running.size() + " streamed task(s) still running " + DRAIN_SECONDS
                    + " s after the stream stopped; interrupting them");
            feeder.interrupt();
            running.forEach(Thread::interrupt);
            try {
                feeder.join();
                drained = inFlight.tryAcquire(concurrency, PAUSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (!drained) {
                System.err.println("tenfold: " + running.size() + " streamed task(s) still running "
                        + PAUSE_TIMEOUT_SECONDS + " s after an interrupt; going on without them");
            }
        }
        if (drained) {
            inFlight.release(concurrency);
        }
        ended.clear();
        feeder = null;
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
    public void close() {
        pause();
    }
}
