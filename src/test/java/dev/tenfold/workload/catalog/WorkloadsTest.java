package dev.tenfold.workload.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.workload.Task;
import dev.tenfold.workload.TaskSpec;
import dev.tenfold.workload.WorkerTask;
import dev.tenfold.workload.cpu.DownscaleTask;
import dev.tenfold.workload.cpu.LargeInputTask;
import dev.tenfold.workload.cpu.MatrixMultiplyTask;
import dev.tenfold.workload.cpu.Sha256ChainTask;
import dev.tenfold.workload.http.HttpClients;
import dev.tenfold.workload.http.HttpItemTask;
import dev.tenfold.workload.http.ImageThumbnailTask;
import dev.tenfold.workload.resilience.Backoff;
import dev.tenfold.workload.resilience.Flakiness;
import dev.tenfold.workload.resilience.ResilientItemTask;
import dev.tenfold.workload.resilience.RetryPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every worker spec the suite sends decodes, in a worker JVM, to the task that sent it. */
class WorkloadsTest {

    @Test
    void everyWorkerSpecRoundTripsThroughItsLine() throws Exception {
        List<Task> sent =
                new ArrayList<>(
                        List.of(
                                new Sha256ChainTask(4096, 20),
                                new MatrixMultiplyTask(24),
                                new DownscaleTask(256, 32),
                                new ImageThumbnailTask.ImageFiles(Path.of("/tmp/images"))));
        Workloads.CPU.values().forEach(task -> sent.add(task.get()));
        try (HttpClients http = HttpClients.create();
             LargeInputTask pipe = LargeInputTask.create("pipe", 1 << 16);
             LargeInputTask mmap = LargeInputTask.create("mmap", 1 << 16)) {
            sent.addAll(
                    List.of(new HttpItemTask(http.client(), "http://127.0.0.1:1", 50), pipe, mmap));
            for (Task task : sent) {
                TaskSpec spec = task.workerSpec();
                WorkerTask rebuilt = Workloads.fromSpec(TaskSpec.parse(spec.line()));
                try (AutoCloseable resources = rebuilt.resources()) {
                    assertEquals(spec, rebuilt.task().workerSpec(), task.describe());
                    assertEquals(task.getClass(), rebuilt.task().getClass(), task.describe());
                }
            }
        }
    }

    @Test
    void aRebuiltCpuTaskYieldsTheSameDigests() throws Exception {
        for (Task task :
                List.of(
                        new Sha256ChainTask(4096, 20),
                        new MatrixMultiplyTask(24),
                        new DownscaleTask(256, 32))) {
            Task rebuilt = Workloads.fromSpec(task.workerSpec()).task();
            for (int i = 0; i < 5; i++) {
                assertEquals(task.run(i), rebuilt.run(i), task.describe() + " rebuilt, task " + i);
            }
        }
    }

    @Test
    void tasksThatRunOnlyInThisJvmHaveNoWorkerSpec() {
        try (HttpClients http = HttpClients.create()) {
            Task mixed = new ImageThumbnailTask(http.client(), "http://127.0.0.1:1", 10);
            Task resilient =
                    new ResilientItemTask(
                            http.client(),
                            "http://127.0.0.1:1",
                            ResilientItemTask.Endpoint.LIMITED,
                            50,
                            5,
                            new Flakiness(0, 0, 1),
                            RetryPolicy.NO_RETRY,
                            Backoff.ARTICLE,
                            10);
            for (Task task : List.of(mixed, resilient)) {
                assertNull(task.workerSpec(), task.describe());
                assertTrue(task.describe().startsWith(task instanceof ResilientItemTask
                        ? ResilientItemTask.KIND : ImageThumbnailTask.KIND), task.describe());
            }
        }
    }

    @Test
    void anUnknownKindIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Workloads.fromSpec(TaskSpec.of("cpu-bitcoin", "1")));
        assertTrue(e.getMessage().contains("cpu-bitcoin"), e.getMessage());
    }

    @Test
    void benchmarkSizedTasksExistForEveryCpuWorkload() {
        for (String workload : List.of("sha256", "downscale", "matmul")) {
            assertEquals("cpu-" + workload, Workloads.cpu(workload).workerSpec().kind());
        }
        assertThrows(IllegalArgumentException.class, () -> Workloads.cpu("bitcoin"));
    }
}
