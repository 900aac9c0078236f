package dev.tenfold.workload.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import dev.tenfold.workload.Task;
import dev.tenfold.workload.TaskCheckFailed;
import dev.tenfold.workload.TaskSpec;

/** CPU tasks are deterministic and checked (rebuilt from their spec: WorkloadsTest). */
class CpuTasksTest {
    private static List<Task> smallTasks() {
        return List.of(new Sha256ChainTask(4096, 20), new MatrixMultiplyTask(24), new DownscaleTask(256, 32));
    }

    @Test
    void sameIndexSameDigest() throws Exception {
        for (Task task : smallTasks()) {
            for (int i = 0; i < 9; i++) {
                assertEquals(task.run(i), task.run(i), task.describe());
            }
            assertNotEquals(task.run(0), task.run(1), task.describe() + ": different inputs, different results");
        }
    }

    @Test
    void aWrongResultIsACheckFailure() {
        CheckedCpuTask corrupted = new CheckedCpuTask() {
            private int calls;

            {
                precomputeExpected(2);
            }

            @Override
            protected long compute(int input) {
                return calls++ < 2 ? input : -1; // right while the expectations are computed, wrong after
            }

            @Override
            public TaskSpec workerSpec() {
                return TaskSpec.of("test-corrupted");
            }
        };
        assertThrows(TaskCheckFailed.class, () -> corrupted.run(0));
    }
}
