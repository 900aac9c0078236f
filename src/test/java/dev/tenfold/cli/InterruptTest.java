package dev.tenfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of a run leaves no process of it behind: not the backend, not the JMH fork.
 * The suite runs in a child JVM (the real command line, with this test's class path) and gets the
 * signal once its backend and a JMH fork are up.
 */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCStopsTheBackendAndTheForks() throws Exception {
        String signal = sigintIgnored() ? "TERM" : "INT"; // a JVM started with SIGINT ignored keeps ignoring it
        Process suite = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--profile", "smoke", "--include", "io/serial", "--out", dir.resolve("x.csv").toString(),
                "--plots", dir.resolve("plots").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("suite.log").toFile()).start();
        try {
            List<ProcessHandle> children = awaitDescendants(suite, 2, 90);
            assertTrue(children.size() >= 2, "backend and JMH fork should be running: " + children
                    + "\n" + Files.readString(dir.resolve("suite.log")));
            new ProcessBuilder("kill", "-" + signal, Long.toString(suite.pid())).start().waitFor();
            assertTrue(suite.waitFor(30, TimeUnit.SECONDS), "the suite did not stop on SIG" + signal);
            for (ProcessHandle child : children) {
                child.onExit().get(15, TimeUnit.SECONDS);
                assertTrue(!child.isAlive(), "left running: " + child.pid() + " " + child.info().commandLine().orElse(""));
            }
        } finally {
            suite.descendants().forEach(ProcessHandle::destroyForcibly);
            suite.destroyForcibly();
        }
        assertEquals(0, suite.descendants().count());
    }

    private static List<ProcessHandle> awaitDescendants(Process process, int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<ProcessHandle> found = List.of();
        while (System.nanoTime() < deadline && process.isAlive()) {
            found = process.descendants().toList();
            if (found.size() >= count) {
                Thread.sleep(1000); // let the fork start its benchmark
                return process.descendants().toList();
            }
            Thread.sleep(200);
        }
        return found;
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
