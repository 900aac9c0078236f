package dev.tenfold.model;

import dev.tenfold.workload.Task;

/** The baseline: one task after the other on the calling thread. */
public final class SerialModel implements ExecutionModel {

    @Override
    public BatchResult run(Task task, int tasks) {
        BatchRecorder recorder = new BatchRecorder(tasks);
        for (int i = 0; i < tasks; i++) {
            recorder.runOne(task, i);
        }
        return recorder.result();
    }

    @Override
    public void close() {
    }
}
