package dev.tenfold.measure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reads jcmd's Compiler.queue text as HotSpot prints it (JDK 25, taken from a fork of a resilience row). */
class JitQueueTest {

    @Test
    void aCompileInProgressOrQueuedIsNotIdle() {
        assertFalse(JitQueue.idle("""
                Current compiles:\s
                C2 CompilerThread0  5555   !   4       java.util.concurrent.locks.AbstractQueuedSynchronizer::acquire

                C1 compile queue:
                Empty

                C2 compile queue:
                Empty
                """));
        assertFalse(JitQueue.idle("""
                Current compiles:\s

                C1 compile queue:
                Empty

                C2 compile queue:
                3491       4       java.util.concurrent.ForkJoinTask::setNoUserHelp (13 bytes)
                """));
    }

    @Test
    void emptyQueuesAndNothingInProgressIsIdle() {
        assertTrue(JitQueue.idle("""
                Current compiles:\s

                C1 compile queue:
                Empty

                C2 compile queue:
                Empty
                """));
    }

    @Test
    void thisJvmsQueueIsReadAndEmptiesWhenNothingRuns() throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L; // generous: the test JVM's own JIT settles first
        boolean idle = JitQueue.idle();
        while (!idle && System.nanoTime() < deadline) {
            Thread.sleep(20);
            idle = JitQueue.idle();
        }
        assertTrue(idle, "an idle test JVM's JIT queue empties");
    }
}
