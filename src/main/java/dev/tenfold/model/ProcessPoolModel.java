package dev.tenfold.model;

import dev.tenfold.process.ChildJvm;
import dev.tenfold.workload.Task;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ProcessPoolExecutor analogue: W persistent worker JVMs, started once per trial, each running
 * one task at a time. Task indices (and a task's payload, if it has one) go down a pipe and checked
 * digests come back; the task itself is rebuilt in each worker from its spec (see WorkerMain). A worker that dies turns its current task into an error
 * (end of stream, no hang) and the others finish the batch.
 */
public final class ProcessPoolModel implements ExecutionModel {
    /**
     * The measured JVM's default collector (a different one changes what a task costs: a 1 MiB
     * array is a humongous object for G1, cheap for Serial GC) with a capped heap, since W of
     * these share the machine with the measured JVM.
     */
    static final List<String> WORKER_JVM_OPTIONS = List.of("-Xms64m", "-Xmx1g", "-Djava.awt.headless=true");

    private final List<ChildJvm> workers = new ArrayList<>();
    private final ExecutorService feeders;
    private final String spec;

    public ProcessPoolModel(int workerCount, String taskSpec) throws IOException {
        this.spec = taskSpec;
        this.feeders = Executors.newFixedThreadPool(workerCount, Thread.ofPlatform().daemon().name("feeder-", 0).factory());
        try {
            for (int i = 0; i < workerCount; i++) {
                workers.add(ChildJvm.start(WorkerMain.class.getName(), WORKER_JVM_OPTIONS, List.of()));
            }
            for (ChildJvm worker : workers) {
                worker.toChild().writeUTF(taskSpec);
                worker.toChild().flush();
            }
            for (ChildJvm worker : workers) {
                String ready = worker.awaitLine(60, TimeUnit.SECONDS);
                if (!"READY".equals(ready)) {
                    throw new IOException("worker " + worker.pid() + " answered '" + ready + "' instead of READY");
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The pids of the worker JVMs (a test checks they end with the pool). */
    public List<Long> workerPids() {
        return workers.stream().map(ChildJvm::pid).toList();
    }

    @Override
    public BatchResult run(Task task, int tasks) throws InterruptedException {
        if (!task.spec().equals(spec)) {
            throw new IllegalArgumentException("this pool's workers run " + spec + ", not " + task.spec());
        }
        BatchRecorder recorder = new BatchRecorder(tasks);
        AtomicInteger next = new AtomicInteger();
        CountDownLatch feedersDone = new CountDownLatch(workers.size());
        for (ChildJvm worker : workers) {
            feeders.execute(() -> {
                try {
                    feed(worker, task, tasks, next, recorder);
                } finally {
                    feedersDone.countDown();
                }
            });
        }
        feedersDone.await();
        // Tasks no live worker could take (every worker died) are errors, not silently lost.
        for (int index = next.getAndSet(tasks); index < tasks; index++) {
            recorder.failure(new IOException("no live worker JVM left"), 0);
        }
        return recorder.result();
    }

    private static void feed(ChildJvm worker, Task task, int tasks, AtomicInteger next, BatchRecorder recorder) {
        while (worker.isAlive()) {
            int index = next.getAndIncrement();
            if (index >= tasks) {
                return;
            }
            long start = System.nanoTime();
            try {
                DataOutputStream toWorker = worker.toChild();
                byte[] payload = task.payload(index);
                toWorker.writeInt(index);
                toWorker.writeInt(payload == null ? -1 : payload.length);
                if (payload != null) {
                    toWorker.write(payload);
                }
                toWorker.flush();
                DataInputStream fromWorker = worker.fromChild();
                boolean ok = fromWorker.readBoolean();
                if (ok) {
                    recorder.success(fromWorker.readLong(), System.nanoTime() - start);
                } else {
                    recorder.failure(new IOException("worker " + worker.pid() + ": " + fromWorker.readUTF()),
                            System.nanoTime() - start);
                }
            } catch (EOFException died) {
                recorder.failure(new IOException("worker JVM " + worker.pid() + " died"), System.nanoTime() - start);
                return;
            } catch (IOException | RuntimeException e) {
                recorder.failure(e, System.nanoTime() - start);
                return;
            }
        }
    }

    @Override
    public void close() {
        workers.forEach(ChildJvm::close);
        feeders.shutdownNow();
    }
}
