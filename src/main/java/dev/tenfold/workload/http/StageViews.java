package dev.tenfold.workload.http;

import java.util.Arrays;
import java.util.zip.CRC32C;
import dev.tenfold.workload.Task;
import dev.tenfold.workload.TaskCheckFailed;
import dev.tenfold.workload.TaskSpec;

/**
 * Each stage of the mixed task alone, to measure the two times whose maximum bounds any way of
 * combining them: the downloads alone (each checked byte for byte against the PNG this JVM encodes
 * itself) and the thumbnails alone (on the same PNG bytes, held in memory). Both encode the PNGs at
 * set-up, so no measured batch pays for it.
 */
public final class StageViews {
    private StageViews() {
    }

    /** A stage runs its own part of each task; worker JVMs rebuild it, and it warms up, as the whole task. */
    private abstract static class Stage implements Task {
        private final Task whole;

        Stage(Task whole) {
            this.whole = whole;
        }

        @Override
        public String describe() {
            return whole.describe();
        }

        @Override
        public TaskSpec workerSpec() {
            return whole.workerSpec();
        }

        @Override
        public int warmupTasks() {
            return whole.warmupTasks();
        }
    }

    /** The I/O stage of {@code task}: download and check, no processing. */
    public static Task downloadOnly(ImageThumbnailTask task) {
        return download(task, new ImageSet().encodeAll());
    }

    private static Task download(ImageThumbnailTask task, ImageSet local) {
        return new Stage(task) {
            /**
             * The same downloads answered at once, against the same PNGs: the warm-up's twin (without
             * it the stage ran 6,800 downloads in full's 40 s cap and still compiled ~0.6 s per fork
             * inside its windows).
             */
            @Override
            public Task withoutLatency() {
                Task fast = task.withoutLatency();
                return fast == task ? this : download((ImageThumbnailTask) fast, local);
            }

            @Override
            public long run(int index) throws Exception {
                byte[] body = task.fetch(index);
                if (!Arrays.equals(body, local.png(index % ImageSet.COUNT))) {
                    throw new TaskCheckFailed("image " + index % ImageSet.COUNT + ": " + body.length
                            + " bytes, not the expected PNG");
                }
                CRC32C crc = new CRC32C();
                crc.update(body);
                return crc.getValue();
            }
        };
    }

    /** The CPU stage of {@code task}: decode and thumbnail the PNGs from memory, checked. */
    public static Task processOnly(ImageThumbnailTask task) {
        ImageSet local = new ImageSet().encodeAll();
        return new Stage(task) {
            @Override
            public long run(int index) throws Exception {
                return task.process(index, local.png(index % ImageSet.COUNT));
            }

        };
    }
}
