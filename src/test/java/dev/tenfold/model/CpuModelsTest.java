package dev.tenfold.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.cpu.DownscaleTask;
import dev.tenfold.workload.cpu.LargeInputTask;
import dev.tenfold.workload.cpu.MatrixMultiplyTask;
import dev.tenfold.workload.cpu.Sha256ChainTask;
import dev.tenfold.workload.Task;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every model that can run CPU work does every task, with the digests the serial run gives. */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class CpuModelsTest {
    private static final int TASKS = 16;
    private static final List<Task> SMALL = List.of(new Sha256ChainTask(4096, 20), new MatrixMultiplyTask(24),
            new DownscaleTask(256, 32));

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"SERIAL", "PLATFORM", "VIRTUAL", "FORKJOIN", "PROCESS"})
    void everyTaskIsDoneAndChecked(Variant kind) throws Exception {
        for (Task task : SMALL) {
            long expected = new SerialModel().run(task, TASKS).digest();
            BatchResult result;
            try (ExecutionModel model = ExecutionModel.of(kind, 2, 2, task)) {
                result = model.run(task, TASKS);
            }
            assertEquals(TASKS, result.succeeded(), () -> kind + " " + task.describe() + ": " + result.firstError());
            assertEquals(expected, result.digest(), kind + " " + task.describe());
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"pipe", "mmap"})
    void largeInputsReachWorkerJvmsThroughThePipeOrAMappedFile(String transport) throws Exception {
        LargeInputTask task = LargeInputTask.create(transport, 1 << 20);
        long serial = new SerialModel().run(task, TASKS).digest();
        try (task; ExecutionModel pool = ExecutionModel.of(Variant.PROCESS, 2, 2, task)) {
            BatchResult result = pool.run(task, TASKS);
            assertEquals(TASKS, result.succeeded(), () -> transport + ": " + result.firstError());
            assertEquals(serial, result.digest());
        }
        String file = task.workerSpec().arg(2);
        assertTrue(file.isEmpty() || !java.nio.file.Files.exists(java.nio.file.Path.of(file)),
                "temporary file left: " + file);
    }

    /**
     * The pool runs two tasks at once: a task counts how many are in flight. This holds on a loaded
     * machine too, where the wall-clock speedup below cannot be told.
     */
    @Test
    void aPoolOfTwoRunsTwoTasksAtOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        Task sha = new Sha256ChainTask(64 * 1024, 50);
        Task counted = new Task() {
            @Override
            public long run(int index) throws Exception {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    return sha.run(index);
                } finally {
                    inFlight.decrementAndGet();
                }
            }

            @Override
            public String describe() {
                return sha.describe();
            }
        };
        try (ExecutionModel pool = new PlatformPoolModel(2)) {
            assertEquals(16, pool.run(counted, 16).succeeded());
        }
        assertEquals(2, most.get(), "tasks in flight at once");
    }

    /**
     * The cores two spinning threads get over 0.3 s: what the machine can give this test now. (The
     * load average cannot tell: the test JVM itself keeps it above 1 on 2 cores.)
     */
    private static double coresTwoThreadsGet() throws InterruptedException {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + 300_000_000L;
        long[] cpu = new long[2];
        Thread[] spinners = new Thread[2];
        long start = System.nanoTime();
        for (int i = 0; i < 2; i++) {
            int k = i;
            spinners[i] = Thread.ofPlatform().start(() -> {
                long x = 0;
                while (System.nanoTime() < end) {
                    x += x * 31 + 7;
                }
                cpu[k] = threads.getCurrentThreadCpuTime() + (x == 42 ? 1 : 0);
            });
        }
        for (Thread spinner : spinners) {
            spinner.join();
        }
        return (cpu[0] + cpu[1]) / (double) (System.nanoTime() - start);
    }

    /**
     * Best of 5 alternating runs of ~0.1 s each, so one descheduling does not decide it. Needs two
     * free cores: skipped, saying how many two threads got, on a loaded machine, where the test
     * above still shows the two threads.
     */
    @Test
    void twoThreadsBeatOneOnTwoCores() throws Exception {
        Task sha = new Sha256ChainTask(64 * 1024, 200);
        int cores = Runtime.getRuntime().availableProcessors();
        org.junit.jupiter.api.Assumptions.assumeTrue(cores >= 2, "needs 2 cores");
        double free = coresTwoThreadsGet();
        org.junit.jupiter.api.Assumptions.assumeTrue(free > 1.6,
                "two threads got " + free + " cores: the machine is too busy to tell a wall-clock speedup");
        try (ExecutionModel pool = new PlatformPoolModel(2)) {
            SerialModel serial = new SerialModel();
            pool.run(sha, 16); // warm up both paths
            serial.run(sha, 16);
            long bestSerial = Long.MAX_VALUE;
            long bestParallel = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                serial.run(sha, 16);
                bestSerial = Math.min(bestSerial, System.nanoTime() - t0);
                t0 = System.nanoTime();
                pool.run(sha, 16);
                bestParallel = Math.min(bestParallel, System.nanoTime() - t0);
            }
            double speedup = (double) bestSerial / bestParallel;
            assertTrue(speedup > 1.3, "2 threads gave " + speedup + "x over serial");
        }
    }
}
