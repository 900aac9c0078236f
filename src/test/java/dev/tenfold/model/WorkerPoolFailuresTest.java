package dev.tenfold.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process pool under failure: a worker killed, stopped or talking out of turn costs its task
 * (a counted error) and is replaced, so the batch ends, on time, on W workers, and the next batch
 * runs on W again. The trigger is definite: the test acts once a worker has started the stalling
 * task (it writes a file), not after a sleep.
 */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class WorkerPoolFailuresTest {
    private static final int TASKS = 12;
    private static final long EXPECTED_DIGEST = java.util.stream.IntStream.range(0,
            TASKS).mapToLong(i -> 31L * i + 7).sum();

    @TempDir
    Path dir;

    @Test
    void strayOutputOnAWorkersStdoutDoesNotReachTheProtocol() throws Exception {
        ScriptedTask task = ScriptedTask.create(dir, 1, 1, ScriptedTask.Stray.PRINT);
        try (ProcessPoolModel pool = new ProcessPoolModel(2, task)) {
            BatchResult result = pool.run(task, TASKS);
            assertEquals(TASKS, result.succeeded(), () -> "first error: " + result.firstError());
            assertEquals(EXPECTED_DIGEST, result.digest());
        }
    }

    /**
     * What System.out cannot catch: bytes written straight to file descriptor 1, the protocol itself.
     * The pool reads them where an answer belongs, fails that task and replaces the worker.
     */
    @Test
    void aWorkerThatWritesIntoTheProtocolCostsOneTaskAndIsReplaced() throws Exception {
        BatchResult result = failOneWorker(ScriptedTask.create(dir, 20, 1, ScriptedTask.Stray.RAW), victim -> { });
        assertTrue(result.firstError().contains("wrote 0x7a7a7a7a where an answer belongs"), result.firstError());
    }

    @Test
    void aKilledWorkerCostsOneTaskAndIsReplaced() throws Exception {
        failOneWorker(ScriptedTask.create(dir, 20, 30_000, ScriptedTask.Stray.NONE),
                victim -> ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly));
    }

    /**
     * A batch on a pool of two whose worker that starts the stalling task gets {@code done} to it: one
     * counted error, the pool back at two fresh workers.
     */
    private BatchResult failOneWorker(ScriptedTask task, java.util.function.LongConsumer done) throws Exception {
        try (ProcessPoolModel pool = new ProcessPoolModel(2, task)) {
            CompletableFuture<BatchResult> batch = runAsync(pool, task);
            long victim = ScriptedTask.awaitStall(dir, 30_000);
            done.accept(victim);
            BatchResult result = batch.get(60, TimeUnit.SECONDS);
            assertOneErrorAndWFresh(pool, result, victim);
            return result;
        }
    }

    /**
     * Arrivals (the open loop) take the same path: the killed worker's arrival ends in an error, every other is
     * answered.
     */
    @Test
    void aKilledWorkerCostsOneArrivalAndIsReplaced() throws Exception {
        ScriptedTask task = ScriptedTask.create(dir, 20, 30_000, ScriptedTask.Stray.NONE);
        try (ProcessPoolModel pool = new ProcessPoolModel(2, task)) {
            BatchRecorder ends = new BatchRecorder(TASKS);
            java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(TASKS);
            for (int i = 0; i < TASKS; i++) {
                int index = i;
                pool.arrive(task, index, (digest, error) -> {
                    if (error == null) {
                        ends.success(index, digest, 0);
                    } else {
                        ends.failure(index, error, 0);
                    }
                    ended.countDown();
                });
            }
            long victim = ScriptedTask.awaitStall(dir, 30_000);
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            assertTrue(ended.await(60, TimeUnit.SECONDS), "arrivals still unanswered: " + ended.getCount());
            assertOneErrorAndWFresh(pool, ends.result(), victim);
        }
    }

    /** A worker that dies before it is ready fails the pool's start, in one exception, and leaves no JVM behind. */
    @Test
    void aWorkerThatDiesBeforeItIsReadyFailsThePoolsStart() throws Exception {
        ScriptedTask task = ScriptedTask.create(dir, 1, 1, ScriptedTask.Stray.NONE);
        java.nio.file.Files.createFile(dir.resolve(ScriptedTask.REFUSE_START));
        java.util.Set<Long> before = childPids();
        java.io.IOException refused = assertThrows(java.io.IOException.class, () -> new ProcessPoolModel(2, task));
        assertTrue(refused.getMessage().contains("ended (exit code 1) before it answered"), refused.getMessage());
        java.util.Set<Long> left = childPids();
        left.removeAll(before);
        for (long pid : left) { // closed by the failed constructor: at most on their way out
            ProcessHandle.of(pid).ifPresent(p -> assertTrue(p.onExit().orTimeout(10, TimeUnit.SECONDS)
                    .handle((done, timeout) -> timeout == null).join(), "worker JVM " + pid + " left running"));
        }
    }

    /**
     * A replacement that cannot start costs its slot, not the batch: the other worker takes the
     * remaining tasks, every task is accounted for; once the cause is gone the next batch replaces it
     * again (its first task there fails on the dead worker) and the one after runs on W clean.
     */
    @Test
    void aReplacementThatCannotStartLeavesTheBatchToTheOtherSlotsAndIsTriedAgain() throws Exception {
        // the stalling task takes 1.5 s: the test kills its worker as it starts, and later batches wait it out
        ScriptedTask task = ScriptedTask.create(dir, 20, 1500, ScriptedTask.Stray.NONE);
        try (ProcessPoolModel pool = new ProcessPoolModel(2, task)) {
            CompletableFuture<BatchResult> batch = runAsync(pool, task);
            long victim = ScriptedTask.awaitStall(dir, 30_000);
            java.nio.file.Files.createFile(dir.resolve(ScriptedTask.REFUSE_START));
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            BatchResult first = batch.get(60, TimeUnit.SECONDS);
            assertEquals(TASKS, first.attempted());
            assertEquals(TASKS, first.succeeded() + first.errors(), "every task accounted for");
            assertEquals(1, first.errors(), () -> "only the killed worker's task: " + first.firstError());

            java.nio.file.Files.delete(dir.resolve(ScriptedTask.REFUSE_START));
            BatchResult second = pool.run(task, TASKS);
            assertEquals(1, second.errors(), () -> "the dead replacement's one task: " + second.firstError());
            BatchResult third = pool.run(task, TASKS);
            assertEquals(TASKS, third.succeeded(), third::firstError);
            assertTrue(pool.workerPids().stream().allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                    .orElse(false)), "two live workers again: " + pool.workerPids());
        }
    }

    private static java.util.Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid)
                .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
    }

    @Test
    void anArrivalAtAClosedPoolEndsInAnError() throws Exception {
        ScriptedTask task = ScriptedTask.create(dir, 1, 1, ScriptedTask.Stray.NONE);
        ProcessPoolModel pool = new ProcessPoolModel(1, task);
        pool.close();
        Throwable[] seen = new Throwable[1];
        pool.arrive(task, 0, (digest, error) -> seen[0] = error);
        assertTrue(seen[0] != null && seen[0].getMessage().contains("closed"), "ended with: " + seen[0]);
    }

    /** The stalling task takes 1.5 s, under the 3 s timeout: only the stop makes the worker miss it. */
    @Test
    void aStoppedWorkerTimesOutIsKilledAndReplaced() throws Exception {
        ScriptedTask task = ScriptedTask.create(dir, 20, 1500, ScriptedTask.Stray.NONE);
        try (ProcessPoolModel pool = new ProcessPoolModel(2, task.workerSpec(), Duration.ofSeconds(3))) {
            CompletableFuture<BatchResult> batch = runAsync(pool, task);
            long victim = ScriptedTask.awaitStall(dir, 30_000);
            assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(victim)).start().waitFor());
            BatchResult result = batch.get(60, TimeUnit.SECONDS); // within the 3 s timeout plus a restart, never a hang
            assertTrue(result.firstError().contains("no answer within 3 s"), result.firstError());
            assertOneErrorAndWFresh(pool, result, victim);
        }
    }

    private static CompletableFuture<BatchResult> runAsync(ProcessPoolModel pool, ScriptedTask task) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return pool.run(task, TASKS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** One counted error, the rest done, and the pool back at two live workers, the victim not among them. */
    private static void assertOneErrorAndWFresh(ProcessPoolModel pool, BatchResult result, long victim)
            throws Exception {
        assertEquals(TASKS, result.attempted());
        assertEquals(1, result.errors(), () -> "errors, first: " + result.firstError());
        assertEquals(TASKS - 1, result.succeeded());
        assertEquals(EXPECTED_DIGEST - (31L * ScriptedTask.STALL_INDEX + 7), result.digest(), "the others' digests");
        ProcessHandle.of(victim).ifPresent(p -> p.onExit().join());
        List<Long> pids = pool.workerPids();
        assertEquals(2, pids.size());
        assertFalse(pids.contains(victim), "the failed worker is still in the pool: " + pids);
        assertTrue(pids.stream().allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)),
                "a worker of the pool is not alive: " + pids);
    }
}
