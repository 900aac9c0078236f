package dev.tenfold.model;

import dev.tenfold.process.ChildJvm;
import dev.tenfold.process.MeasuredJvm;
import dev.tenfold.workload.Task;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
 */
public final class ProcessPoolModel implements ExecutionModel {
    /** The fork's heap and collector (MeasuredJvm); the JVM's own warnings go to stderr: stdout carries the protocol. */
    static final List<String> WORKER_JVM_OPTIONS = java.util.stream.Stream.concat(MeasuredJvm.HEAP_AND_GC.stream(),
            java.util.stream.Stream.of("-Djava.awt.headless=true", "-Xlog:all=warning:stderr")).toList();
    /** How long one task may run in a worker before the worker counts as hung (-Dtenfold.task.timeout.seconds). */
    public static final Duration TASK_TIMEOUT = Duration.ofSeconds(Long.getLong("tenfold.task.timeout.seconds", 60));
    /** How long a (replacement) worker JVM may take to start and build its task. */
    private static final long READY_SECONDS = 60;

    private final ChildJvm[] workers;
    private final ExecutorService feeders;
    private final ScheduledExecutorService watchdog;
    private final String spec;
    private final Duration taskTimeout;

    public ProcessPoolModel(int workerCount, String taskSpec) throws IOException {
        this(workerCount, taskSpec, TASK_TIMEOUT);
    }

    public ProcessPoolModel(int workerCount, String taskSpec, Duration taskTimeout) throws IOException {
        this.spec = taskSpec;
        this.taskTimeout = taskTimeout;
        this.workers = new ChildJvm[workerCount];
        this.feeders = Executors.newFixedThreadPool(workerCount, Thread.ofPlatform().daemon().name("feeder-", 0).factory());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("worker-watchdog").factory());
        try {
            for (int i = 0; i < workerCount; i++) {
                workers[i] = launch(taskSpec);
            }
            for (ChildJvm worker : workers) {
                awaitReady(worker);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static ChildJvm launch(String taskSpec) throws IOException {
        ChildJvm worker = ChildJvm.start(WorkerMain.class.getName(), WORKER_JVM_OPTIONS, List.of());
        worker.toChild().writeUTF(taskSpec);
        worker.toChild().flush();
        return worker;
    }

    private static void awaitReady(ChildJvm worker) throws IOException {
        String ready = worker.awaitLine(READY_SECONDS, TimeUnit.SECONDS);
        if (!WorkerMain.READY.equals(ready)) {
            throw new IOException("worker " + worker.pid() + " answered '" + ready + "' instead of " + WorkerMain.READY);
        }
    }

    /** The pids of the worker JVMs now in the pool (a test checks they end with it, and that a dead one is replaced). */
    public List<Long> workerPids() {
        return Arrays.stream(workers).map(ChildJvm::pid).toList();
    }

    @Override
    public BatchResult run(Task task, int tasks) throws InterruptedException {
        if (!task.spec().equals(spec)) {
            throw new IllegalArgumentException("this pool's workers run " + spec + ", not " + task.spec());
        }
        BatchRecorder recorder = new BatchRecorder(tasks);
        AtomicInteger next = new AtomicInteger();
        CountDownLatch feedersDone = new CountDownLatch(workers.length);
        for (int slot = 0; slot < workers.length; slot++) {
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
        // Tasks no live worker could take (every worker died and none could be restarted) are errors, not silently lost.
        for (int index = next.getAndSet(tasks); index < tasks; index++) {
            recorder.failure(new IOException("no live worker JVM left"), 0);
        }
        return recorder.result();
    }

    /** Feeds tasks to the worker in {@code slot} until none are left, replacing it if it fails. */
    private void feed(int slot, Task task, int tasks, AtomicInteger next, BatchRecorder recorder) {
        for (int index = next.getAndIncrement(); index < tasks; index = next.getAndIncrement()) {
            ChildJvm worker = workers[slot];
            long start = System.nanoTime();
            // Whoever claims first settles the task: its answer, or the watchdog, which kills the worker.
            AtomicBoolean claimed = new AtomicBoolean();
            ScheduledFuture<?> alarm = watchdog.schedule(() -> {
                if (claimed.compareAndSet(false, true)) {
                    worker.abort();
                }
            }, taskTimeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                send(worker, task, index);
                DataInputStream fromWorker = worker.fromChild();
                int frame = fromWorker.readInt();
                if (frame != WorkerMain.ANSWER) {
                    throw new IOException("worker JVM " + worker.pid() + " wrote 0x" + Integer.toHexString(frame)
                            + " where an answer belongs: something else writes to its stdout");
                }
                if (fromWorker.readBoolean()) {
                    recorder.success(fromWorker.readLong(), System.nanoTime() - start);
                } else {
                    recorder.failure(new IOException("worker " + worker.pid() + ": " + fromWorker.readUTF()),
                            System.nanoTime() - start);
                }
                alarm.cancel(false);
                if (!claimed.compareAndSet(false, true)) {
                    replace(slot, worker); // it answered as the watchdog killed it
                }
            } catch (IOException | RuntimeException broken) {
                alarm.cancel(false);
                String what = claimed.compareAndSet(false, true)
                        ? "worker JVM " + worker.pid() + " failed: " + broken
                        : "worker JVM " + worker.pid() + " gave no answer within " + taskTimeout.toSeconds() + " s and was killed";
                recorder.failure(new IOException(what), System.nanoTime() - start);
                if (!replace(slot, worker)) {
                    return; // the other slots take the remaining tasks
                }
            }
        }
    }

    private static void send(ChildJvm worker, Task task, int index) throws IOException {
        DataOutputStream toWorker = worker.toChild();
        byte[] payload = task.payload(index);
        toWorker.writeInt(index);
        toWorker.writeInt(payload == null ? -1 : payload.length);
        if (payload != null) {
            toWorker.write(payload);
        }
        toWorker.flush();
    }

    /** Kills a failed worker and starts a new one in its slot; false if none could be started. */
    private boolean replace(int slot, ChildJvm failed) {
        failed.abort();
        try {
            ChildJvm fresh = launch(spec);
            workers[slot] = fresh;
            awaitReady(fresh);
            return true;
        } catch (IOException e) {
            System.err.println("tenfold: could not replace worker JVM " + failed.pid() + ": " + e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        Arrays.stream(workers).filter(w -> w != null).forEach(ChildJvm::close);
        feeders.shutdownNow();
        watchdog.shutdownNow();
    }
}
