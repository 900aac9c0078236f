package dev.tenfold.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.backend.Backend;
import dev.tenfold.backend.BackendStubs;
import dev.tenfold.workload.http.HttpClients;
import dev.tenfold.workload.http.ImageThumbnailTask;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The mixed family's ways of combining download and thumbnail, against a real backend on loopback. */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class MixedModelsTest {
    private static final int TASKS = 12;
    private static Backend backend;
    private static HttpClients http;
    private static ImageThumbnailTask task;

    @BeforeAll
    static void start() throws Exception {
        backend = Backend.start();
        http = HttpClients.create();
        BackendStubs.installImages(backend.url(), 10);
        task = new ImageThumbnailTask(http.client(), backend.url(), 10);
    }

    @AfterAll
    static void stop() {
        http.close();
        backend.close();
    }

    @Test
    void everyCombinationProducesTheSameCheckedThumbnails() throws Exception {
        BatchResult serial = new SerialModel().run(task, TASKS);
        assertEquals(TASKS, serial.succeeded(), serial.firstError());
        Path dir;
        try (SplitModel split = new SplitModel(4, 2, false, task);
             SplitModel splitProcess = new SplitModel(4, 2, true, task);
             PipelineModel pipeline = new PipelineModel(4, 2);
             PlatformPoolModel onePool = new PlatformPoolModel(4)) {
            dir = split.directory();
            for (ExecutionModel model : new ExecutionModel[] {split, splitProcess, pipeline, onePool}) {
                for (int batch = 0; batch < 2; batch++) {
                    BatchResult result = model.run(task, TASKS);
                    assertEquals(0, result.errors(), model.getClass().getSimpleName() + ": " + result.firstError());
                    assertEquals(serial.digest(), result.digest(), model.getClass().getSimpleName());
                }
            }
            try (var left = Files.list(dir)) {
                assertEquals(0, left.count(), "files removed after every batch");
            }
        }
        assertFalse(Files.exists(dir), "temp directory removed on close");
    }

    @Test
    void aDirectoryLeftByAKilledJvmGoesWithTheNextSplitModel() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path stale = Files.createDirectory(tmp.resolve("tenfold-mixed-" + gone.pid() + "-1"));
        Files.write(stale.resolve("0.bin"), new byte[16]);
        Path alive = Files.createDirectory(tmp.resolve("tenfold-mixed-" + ProcessHandle.current().pid() + "-1"));
        try {
            new SplitModel(2, 1, false, task).close();
            assertFalse(Files.exists(stale), "the directory of a JVM that is gone is removed");
            assertTrue(Files.exists(alive), "the directory of a live JVM is left alone");
        } finally {
            Files.deleteIfExists(alive);
        }
    }

    @Test
    void failedDownloadsAreErrorsNeverHangsAndLeaveNoFiles() throws Exception {
        ImageThumbnailTask unknownLatency = new ImageThumbnailTask(http.client(), backend.url(), 11); // no stub: 404
        Path dir;
        try (SplitModel split = new SplitModel(4, 2, false, unknownLatency); PipelineModel pipeline =
                new PipelineModel(4, 2)) {
            dir = split.directory();
            for (ExecutionModel model : new ExecutionModel[] {split, pipeline}) {
                BatchResult result = model.run(unknownLatency, TASKS);
                assertEquals(TASKS, result.errors(), model.getClass().getSimpleName());
                assertTrue(result.firstError().contains("HTTP 404"), result.firstError());
            }
        }
        assertFalse(Files.exists(dir));
    }
}
