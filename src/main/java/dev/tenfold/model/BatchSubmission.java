package dev.tenfold.model;

import dev.tenfold.workload.Task;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/**
 * Hands every task of a batch to an executor and waits for all of them. A task the executor cannot
 * take (no more native threads, out of memory) is recorded as an error, so a model that breaks at
 * a high C shows its failures instead of hanging or losing tasks.
 */
final class BatchSubmission {
    private BatchSubmission() {
    }

    static BatchResult runAll(Task task, int tasks, Executor executor) throws InterruptedException {
        BatchRecorder recorder = new BatchRecorder(tasks);
        CountDownLatch done = new CountDownLatch(tasks);
        for (int i = 0; i < tasks; i++) {
            int index = i;
            try {
                executor.execute(() -> {
                    try {
                        recorder.runOne(task, index);
                    } finally {
                        done.countDown();
                    }
                });
            } catch (RuntimeException | OutOfMemoryError refused) {
                recorder.failure(index, refused, BatchResult.NOT_STARTED);
                done.countDown();
            }
        }
        done.await();
        return recorder.result();
    }
}
