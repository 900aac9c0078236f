package dev.tenfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of a run leaves nothing of it behind: not the backend, not the JMH fork, not
 * the fork's worker JVMs, not the fork's temporary files. The suite runs in a child JVM (the real
 * command line, with this test's class path and its own temp dir, which the JMH fork inherits) on
 * {@code split-process}, the model with all four, and gets the signal once they are all there.
 */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCStopsEveryJvmOfTheRunAndDeletesItsTemporaryFiles() throws Exception {
        String signal = sigintIgnored() ? "TERM" : "INT"; // a JVM started with SIGINT ignored keeps ignoring it
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        String tag = "interrupt-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        ProcessBuilder command = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.io.tmpdir=" + tmp, "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--profile", "full", "--include", "mixed/split-process", "-p", "concurrency=10",
                "--out", dir.resolve("x.csv").toString(), "--plots", dir.resolve("plots").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("suite.log").toFile());
        command.environment().put(RUN_TAG, tag); // every JVM of the run inherits it, whoever its parent ends up being
        Process suite = command.start();
        try {
            // backend, JMH fork and its two worker JVMs, and the fork's download directory
            List<ProcessHandle> children = await(suite, () -> {
                List<ProcessHandle> found = suite.descendants().toList();
                return found.size() >= 4 && !temporaryDirectories(tmp).isEmpty() ? found : null;
            }, 120);
            assertTrue(children != null, "backend, fork, workers and temp dir should be there: "
                    + suite.descendants().toList()
                    + " " + temporaryDirectories(tmp) + "\n" + Files.readString(dir.resolve("suite.log")));
            assertTrue(survivors(tag, 0).size() >= 5, "the tag marks the suite and every JVM it started: "
                    + survivors(tag, 0));
            new ProcessBuilder("kill", "-" + signal, Long.toString(suite.pid())).start().waitFor();
            assertTrue(suite.waitFor(30, TimeUnit.SECONDS), "the suite did not stop on SIG" + signal);
            for (ProcessHandle child : children) {
                child.onExit().get(15, TimeUnit.SECONDS);
                assertTrue(!child.isAlive(), "left running: " + child.pid() + " "
                        + child.info().commandLine().orElse(""));
            }
            assertEquals(List.of(), temporaryDirectories(tmp), "temporary files left behind");
            // A child that outlived the suite is re-parented and no longer its descendant: find it by its tag.
            assertEquals(List.of(), survivors(tag, 15), "JVMs of the run still alive after it ended");
        } finally {
            suite.descendants().forEach(ProcessHandle::destroyForcibly);
            suite.destroyForcibly();
            ProcessHandle.allProcesses().filter(p -> environmentHas(p.pid(), RUN_TAG + "=" + tag))
                    .filter(p -> p.pid() != ProcessHandle.current().pid()).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Environment variable that marks every process of one run; .ci/run uses it the same way. */
    static final String RUN_TAG = "TENFOLD_RUN_TAG";

    /** Live processes whose environment carries {@code tag}, after waiting up to {@code seconds} for them to end. */
    static List<String> survivors(String tag, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> alive;
        do {
            alive = ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> environmentHas(p.pid(), RUN_TAG + "=" + tag))
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
            if (alive.isEmpty()) {
                return alive;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return alive;
    }

    private static boolean environmentHas(long pid, String entry) {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")),
                    java.nio.charset.StandardCharsets.UTF_8).split("\0")).contains(entry);
        } catch (IOException | SecurityException gone) {
            return false; // ended meanwhile, or not ours to read
        }
    }

    private static List<Path> temporaryDirectories(Path tmp) throws IOException {
        try (var entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("tenfold-mixed-")).toList();
        }
    }

    /**
     * Polls until {@code found} gives a value (then waits a second more, so the benchmark is running) or the time is
     * up.
     */
    private static <T> T await(Process process, Callable<T> found, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (found.call() != null) {
                Thread.sleep(1000);
                return found.call();
            }
            Thread.sleep(200);
        }
        return null;
    }

    /** Bit 1 of /proc/self/status SigIgn is SIGINT. */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> Long.parseUnsignedLong(l.substring(7).trim(), 16)).anyMatch(mask -> (mask & 2) != 0);
    }
}
