package dev.tenfold.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.backend.BackendMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No orphans without anybody's help: a child JVM (backend, worker) ends by itself when its stdin
 * closes, and so when its parent dies, even by SIGKILL (no shutdown hook runs). Nothing in these
 * tests kills the children, so a child that ignored its stdin would fail them.
 */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class ChildProcessTest {

    @Test
    void aChildEndsByItselfWhenItsStdinCloses() throws Exception {
        ChildProcess backend = ChildProcess.startJvm(BackendMain.class.getName(), List.of(), List.of("0"));
        try {
            assertTrue(backend.awaitLine(60, TimeUnit.SECONDS).startsWith("LISTENING "));
            ProcessHandle handle = ProcessHandle.of(backend.pid()).orElseThrow();
            backend.toChild().close();
            assertTrue(waitForExit(handle, 20), "the backend JVM ignored the end of its stdin");
        } finally {
            backend.close();
        }
    }

    @Test
    void childrenEndWhenTheirParentIsKilled() throws Exception {
        Process parent = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), ParentOfChildren.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<ProcessHandle> children = List.of();
        try {
            String line = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertTrue(line != null && line.startsWith("CHILDREN "), "parent said: " + line);
            children = Arrays.stream(line.substring("CHILDREN ".length()).split(" "))
                    .map(pid -> ProcessHandle.of(Long.parseLong(pid)).orElseThrow()).toList();
            assertEquals(2, children.size());
            parent.destroyForcibly(); // SIGKILL: no shutdown hook of the parent runs
            parent.waitFor();
            for (ProcessHandle child : children) {
                assertTrue(waitForExit(child, 20), "child " + child.pid() + " outlived its SIGKILLed parent: "
                        + child.info().commandLine().orElse(""));
            }
        } finally {
            parent.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static boolean waitForExit(ProcessHandle handle, int seconds) throws Exception {
        try {
            handle.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }
}
