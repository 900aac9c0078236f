package dev.tenfold.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Peak memory and peak live threads of a process tree over one measured window, sampled every
 * {@value #PERIOD_MS} ms by a daemon thread (Linux {@code /proc}).
 *
 * <p>Memory is PSS ({@code /proc/PID/smaps_rollup}): pages shared between JVMs (libjvm, CDS, a
 * mapped input file) count once over the tree, not once per process as RSS would. Reading
 * smaps_rollup costs the kernel ~10 ms per 500 MiB resident, too much to do ten times a second
 * inside a measured window, so each sample reads the cheap {@code status} file (VmRSS, Threads)
 * and PSS is read only when the tree's RSS reaches a new peak or a process joins the tree (a
 * worker starting while the JVM that started it shrinks its heap would not raise the sum). Threads
 * are OS threads: a virtual thread is not one, a platform thread is.
 */
final class MemorySampler {
    static final long PERIOD_MS = 100;
    /** The process list is re-read this often (a full /proc scan, ~1 ms per 65 processes), not every sample. */
    private static final long MEMBERS_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /**
     * The peaks of a window: PSS in MiB (0 when not readable), the root's descendants' part of it
     * at that peak (worker JVMs, the Python recipe and its pool), and OS threads.
     */
    record Peak(double pssMib, double descendantsPssMib, int threads) {
    }

    private final long root;
    private final Set<Long> exclude;
    private final Thread thread;
    private volatile boolean running = true;
    private List<Long> members;
    private long membersAt;
    private long peakRssKib;
    private long peakPssKib;
    private long descendantsAtPeakKib;
    private int peakThreads;

    MemorySampler(long root, Set<Long> exclude) {
        this.root = root;
        this.exclude = exclude;
        sample();
        this.thread = Thread.ofPlatform().daemon().name("tenfold-memory-sampler").start(this::loop);
    }

    private void loop() {
        while (running) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MS));
            if (running) {
                sample();
            }
        }
    }

    /** Stops sampling, takes a last sample, and returns the window's peaks. */
    Peak stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
        synchronized (this) {
            return new Peak(peakPssKib / 1024.0, descendantsAtPeakKib / 1024.0, peakThreads);
        }
    }

    private synchronized void sample() {
        long now = System.nanoTime();
        boolean joined = false;
        if (members == null || now - membersAt > MEMBERS_REFRESH_NANOS) {
            List<Long> before = members;
            members = ProcessTree.memberPids(root, exclude);
            membersAt = now;
            joined = before == null || !before.containsAll(members);
        }
        long rss = 0;
        int threads = 0;
        for (long pid : members) {
            long[] status = status(pid);
            rss += status[0];
            threads += (int) status[1];
        }
        peakThreads = Math.max(peakThreads, threads);
        if (rss > peakRssKib || joined) {
            peakRssKib = Math.max(peakRssKib, rss);
            long pss = 0;
            long descendants = 0;
            for (long pid : members) {
                long kib = kibOf(Environment.proc(Long.toString(pid), "smaps_rollup"), "Pss:");
                pss += kib;
                descendants += pid == root ? 0 : kib;
            }
            if (pss > peakPssKib) {
                peakPssKib = pss;
                descendantsAtPeakKib = descendants;
            }
        }
    }

    /**
     * VmRSS in KiB and the thread count of a process; without /proc (macOS) the threads from the OS
     * and no RSS (the window's memory is then the tree's peak RSS from OSHI: WindowProfiler); zeros when
     * the process is gone.
     */
    private static long[] status(long pid) {
        Path status = Environment.proc(Long.toString(pid), "status");
        if (!Files.exists(status.getParent())) {
            return new long[] {0, ProcessTree.threads(pid)};
        }
        long rss = 0;
        long threads = 0;
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    rss = digits(line);
                } else if (line.startsWith("Threads:")) {
                    threads = digits(line);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // ended between listing and reading, or no /proc: nothing to add
        }
        return new long[] {rss, threads};
    }

    private static long kibOf(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    return digits(line);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // as above
        }
        return 0;
    }

    private static long digits(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
