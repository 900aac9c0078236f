package dev.tenfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend that dies mid-run costs one benchmark's attempt, not the run: the real command line
 * runs three smoke benchmarks in a child JVM; the backend JVM is SIGKILLed as the second one
 * starts; the run names the death, starts a new backend, runs that benchmark again and finishes
 * with all three rows.
 */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class BackendDeathTest {
    @TempDir
    Path dir;

    @Test
    void aKilledBackendIsRestartedAndTheBenchmarkInFlightRunsAgain() throws Exception {
        Path log = dir.resolve("suite.log");
        Path csv = dir.resolve("x.csv");
        Process suite = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--profile", "smoke", "--include", "^io/(serial|platform|virtual)$", "-p", "concurrency=10",
                "--out", csv.toString(), "--plots", dir.resolve("plots").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            Optional<ProcessHandle> backend = Optional.empty();
            while (backend.isEmpty() && System.nanoTime() < deadline && suite.isAlive()) {
                if (Files.readString(log).contains("[2/3]")) {
                    backend = suite.descendants().filter(BackendDeathTest::isBackend).findFirst();
                }
                Thread.sleep(100);
            }
            assertTrue(backend.isPresent(), "no backend found as the second benchmark started:\n"
                    + Files.readString(log));
            new ProcessBuilder("kill", "-KILL", Long.toString(backend.get().pid())).start().waitFor();
            assertTrue(suite.waitFor(150, TimeUnit.SECONDS), "the run did not end:\n" + Files.readString(log));
            String output = Files.readString(log);
            assertEquals(0, suite.exitValue(), output);
            assertTrue(output.contains("the backend JVM (pid " + backend.get().pid() + ") died: killed by signal 9"),
                    output);
            assertTrue(output.contains("started a new backend"), output);
            List<String> lines = Files.readAllLines(csv);
            assertEquals(1 + 3, lines.size(), "header and all three rows: " + lines);
        } finally {
            suite.descendants().forEach(ProcessHandle::destroyForcibly);
            suite.destroyForcibly();
        }
    }

    /**
     * Its /proc cmdline names the backend's main class (ProcessHandle's command line is empty when the class path is
     * long).
     */
    private static boolean isBackend(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc/" + process.pid()
                    + "/cmdline")).contains("dev.tenfold.backend.BackendMain");
        } catch (java.io.IOException gone) {
            return false;
        }
    }
}
