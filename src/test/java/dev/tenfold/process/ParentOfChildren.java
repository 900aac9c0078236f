package dev.tenfold.process;

import dev.tenfold.backend.Backend;
import dev.tenfold.model.ProcessPoolModel;
import dev.tenfold.workload.cpu.Sha256ChainTask;

/**
 * A stand-in for the suite's JVMs that a test can SIGKILL: starts a backend JVM and a one-worker
 * process pool, prints their pids on one line, and waits to be killed (it never closes them).
 */
public final class ParentOfChildren {
    private ParentOfChildren() {
    }

    public static void main(String[] args) throws Exception {
        Backend backend = Backend.start();
        ProcessPoolModel pool = new ProcessPoolModel(1, new Sha256ChainTask(1024, 1));
        System.out.println("CHILDREN " + backend.pid().orElseThrow() + " " + pool.workerPids().get(0));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
