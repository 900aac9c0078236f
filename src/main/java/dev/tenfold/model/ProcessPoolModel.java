package dev.tenfold.model;

import dev.tenfold.process.ChildProcess;
import dev.tenfold.workload.Task;
import dev.tenfold.workload.TaskSpec;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * The ProcessPoolExecutor analogue: W persistent worker JVMs, started once per trial, each running
 * one task at a time. Task indices (and a task's payload, if it has one) go down a pipe and checked
 * digests come back; the task itself is rebuilt in each worker from its spec (see WorkerMain).
 *
 * <p>A worker that fails turns its current task into an error and is replaced in its slot, so a
 * row always runs on the W workers it names, never silently on fewer: one that dies (end of
 * stream), one that answers out of protocol, and one that does not answer within the task timeout
 * (hung, or stopped), which is killed first. Its replacement starts cold, and its start-up counts
 * in the batch's time: a crash costs what it costs, and the row shows the error.
 *
 * <p>It also takes arrivals (an open loop): they wait in one queue, and each slot takes the next
 * when its worker is free, as a ProcessPoolExecutor's call queue feeds its processes. A slot runs
 * one task at a time whichever way it is fed.
 */
public final class ProcessPoolModel implements ExecutionModel, TakesArrivals {
    /** How long one task may run in a worker before the worker counts as hung (-Dtenfold.task.timeout.seconds). */
    public static final Duration TASK_TIMEOUT = Duration.ofSeconds(Long.getLong("tenfold.task.timeout.seconds", 60));

    /** Slot i is fed by feeder i, which replaces a failed worker in it; close() reads them all. */
    private final AtomicReferenceArray<ChildProcess> workers;
    /** Each worker JVM's compile time in ms, as of its last answer. */
    private final java.util.concurrent.atomic.AtomicLongArray compiledMillis;
    private final ExecutorService feeders;
    /** Held while a slot's worker runs a task, by a batch's feeder or by the slot's arrival loop. */
    private final Object[] slotLocks;
    /** The open loop's arrivals, each taken by a slot's loop when its worker is free. */
    private final SlotArrivals arrivals;
    private final ScheduledThreadPoolExecutor watchdog;
    /** Set by close(): a replacement started after it is closed at once instead of leaking. */
    private volatile boolean closed;
    private final TaskSpec spec;
    private final Duration taskTimeout;

    /** A pool of {@code workerCount} worker JVMs that run the task of {@code taskSpec}. */
    public ProcessPoolModel(int workerCount, TaskSpec taskSpec) throws IOException {
        this(workerCount, taskSpec, TASK_TIMEOUT);
    }

    /** A pool for {@code task}, which must have a worker spec. */
    public ProcessPoolModel(int workerCount, Task task) throws IOException {
        this(workerCount, workerSpecOf(task));
    }

    private static TaskSpec workerSpecOf(Task task) {
        TaskSpec spec = task.workerSpec();
        if (spec == null) {
            throw new IllegalArgumentException(task.describe() + " runs only in this JVM: it has no worker spec");
        }
        return spec;
    }

    public ProcessPoolModel(int workerCount, TaskSpec taskSpec, Duration taskTimeout) throws IOException {
        this.spec = taskSpec;
        this.taskTimeout = taskTimeout;
        this.workers = new AtomicReferenceArray<>(workerCount);
        this.arrivals = new SlotArrivals(workerCount, this::runInSlot);
        this.compiledMillis = new java.util.concurrent.atomic.AtomicLongArray(workerCount);
        this.feeders = Executors.newFixedThreadPool(workerCount,
                Thread.ofPlatform().daemon().name("feeder-", 0).factory());
        this.slotLocks = IntStream.range(0, workerCount).mapToObj(i -> new Object()).toArray();
        this.watchdog =
                new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("worker-watchdog").factory());
        watchdog.setRemoveOnCancelPolicy(true); // a cancelled timer per task must not wait out its 60 s on the heap
        try {
            for (int i = 0; i < workerCount; i++) {
                workers.set(i, WorkerMain.start(taskSpec));
            }
            for (int i = 0; i < workerCount; i++) {
                WorkerMain.awaitReady(workers.get(i));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The pids of the worker JVMs now in the pool (a test checks they end with it, and that a dead one is replaced).
     */
    public List<Long> workerPids() {
        return IntStream.range(0, workers.length()).mapToObj(i -> workers.get(i).pid()).toList();
    }

    @Override
    public BatchResult run(Task task, int tasks) throws InterruptedException {
        if (!spec.equals(task.workerSpec())) {
            throw new IllegalArgumentException("this pool's workers run " + spec + ", not " + task.describe());
        }
        BatchRecorder recorder = new BatchRecorder(tasks);
        AtomicInteger next = new AtomicInteger();
        CountDownLatch feedersDone = new CountDownLatch(workers.length());
        for (int slot = 0; slot < workers.length(); slot++) {
            int mine = slot;
            feeders.execute(() -> {
                try {
                    feed(mine, task, tasks, next, recorder);
                } finally {
                    feedersDone.countDown();
                }
            });
        }
        feedersDone.await();
        // Tasks no live worker could take (every worker died and none could be restarted) are errors, not silently
        // lost.
        for (int index = next.getAndSet(tasks); index < tasks; index++) {
            recorder.failure(index, new IOException("no live worker JVM left"), BatchResult.NOT_STARTED);
        }
        return recorder.result();
    }

    /** Feeds tasks to the worker in {@code slot} until none are left, replacing it if it fails. */
    private void feed(int slot, Task task, int tasks, AtomicInteger next, BatchRecorder recorder) {
        for (int index = next.getAndIncrement(); index < tasks; index = next.getAndIncrement()) {
            int mine = index;
            boolean live = runInSlot(slot, task, index, (digest, error, nanos) -> {
                if (error == null) {
                    recorder.success(mine, digest, nanos);
                } else {
                    recorder.failure(mine, error, nanos);
                }
            });
            if (!live) {
                return; // the other slots take the remaining tasks
            }
        }
    }

    /** How a task on a worker ended: its digest, or its error (then the digest is 0), after {@code nanos}. */
    @FunctionalInterface
    interface Answer {
        void answered(long digest, Throwable error, long nanos);
    }

    /**
     * Runs task {@code index} on the worker in {@code slot} and tells {@code answer} how it ended,
     * before a failed worker is replaced (a restart is not the task's time); false when the slot has
     * no worker afterwards.
     */
    private boolean runInSlot(int slot, Task task, int index, Answer answer) {
        synchronized (slotLocks[slot]) {
            ChildProcess worker = workers.get(slot);
            long start = System.nanoTime();
            byte[] payload;
            try {
                payload = task.payload(index);
            } catch (RuntimeException e) {
                answer.answered(0, e, System.nanoTime() - start); // the task's fault, not the worker's
                return true;
            }
            // Whoever claims first settles the task: its answer, or the watchdog, which kills the worker.
            AtomicBoolean claimed = new AtomicBoolean();
            ScheduledFuture<?> alarm = null;
            long digest = 0;
            Throwable error;
            boolean replaceIt;
            long nanos;
            try {
                alarm = watchdog.schedule(() -> {
                    if (claimed.compareAndSet(false, true)) {
                        worker.abort();
                    }
                }, taskTimeout.toMillis(), TimeUnit.MILLISECONDS); // refused once the pool closed: an error below
                WorkerMain.send(worker, index, payload);
                DataInputStream fromWorker = worker.fromChild();
                int frame = fromWorker.readInt();
                if (frame != WorkerMain.ANSWER) {
                    throw new IOException("worker JVM " + worker.pid() + " wrote 0x" + Integer.toHexString(frame)
                            + " where an answer belongs: something else writes to its stdout");
                }
                compiledMillis.set(slot, fromWorker.readLong());
                boolean ok = fromWorker.readBoolean();
                digest = ok ? fromWorker.readLong() : 0;
                error = ok ? null : new IOException("worker " + worker.pid() + ": " + fromWorker.readUTF());
                nanos = System.nanoTime() - start;
                // it answered as the watchdog killed it: the answer stands, the slot needs a new worker
                replaceIt = !claimed.compareAndSet(false, true);
            } catch (IOException | RuntimeException broken) {
                nanos = System.nanoTime() - start;
                error = new IOException(claimed.compareAndSet(false, true)
                        ? "worker JVM " + worker.pid() + " failed: " + broken
                        : "worker JVM " + worker.pid() + " gave no answer within " + taskTimeout.toSeconds()
                        + " s and was killed");
                replaceIt = true;
            } finally {
                if (alarm != null) {
                    alarm.cancel(false);
                }
            }
            answer.answered(digest, error, nanos);
            return !replaceIt || replace(slot, worker);
        }
    }

    /** An arrival waits in the pool's queue until a slot's worker is free. */
    @Override
    public void arrive(Task task, int index, TaskEnd end) {
        if (!spec.equals(task.workerSpec())) {
            end.ended(0, new IllegalArgumentException("this pool's workers run " + spec + ", not " + task.describe()));
            return;
        }
        arrivals.arrive(task, index, end);
    }

    /** Kills a failed worker and starts a new one in its slot; false if none could be started or the pool is closed. */
    private boolean replace(int slot, ChildProcess failed) {
        failed.abort();
        ChildProcess fresh;
        synchronized (this) {
            if (closed) {
                return false;
            }
            try {
                fresh = WorkerMain.start(spec);
            } catch (IOException e) {
                System.err.println("tenfold: could not replace worker JVM " + failed.pid() + ": " + e.getMessage());
                return false;
            }
            workers.set(slot, fresh);
        }
        try {
            WorkerMain.awaitReady(fresh);
            return true;
        } catch (IOException e) {
            System.err.println("tenfold: replacement worker JVM " + fresh.pid() + " did not start: " + e.getMessage());
            return false;
        }
    }

    @Override
    public long workerCompileMillis() {
        long sum = 0;
        for (int i = 0; i < compiledMillis.length(); i++) {
            sum += compiledMillis.get(i);
        }
        return sum;
    }

    @Override
    public int jvms() {
        return compiledMillis.length();
    }

    /** Stops the feeders, then every worker at once (stdin closed; killed if still there after 5 s). */
    @Override
    public void close() {
        List<ChildProcess> all = new java.util.ArrayList<>();
        synchronized (this) {
            closed = true;
            for (int i = 0; i < workers.length(); i++) {
                if (workers.get(i) != null) {
                    all.add(workers.get(i));
                }
            }
        }
        feeders.shutdownNow();
        arrivals.close();
        watchdog.shutdownNow();
        killedAtClose = ChildProcess.closeAll(all);
        if (killedAtClose > 0) {
            System.err.println("tenfold: " + killedAtClose + " worker JVM(s) did not end within 5 s of close and were"
                    + " killed");
        }
    }

    private volatile int killedAtClose;

    /** Worker JVMs that {@link #close()} had to kill: 0 when each ended by itself once its stdin closed. */
    public int killedAtClose() {
        return killedAtClose;
    }
}
