package dev.tenfold.measure;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.tenfold.measure.WindowProfilerTest.measure;
import static dev.tenfold.measure.WindowProfilerTest.sleep;

import dev.tenfold.ledger.TrialLedger;
import dev.tenfold.process.ChildProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A window's memory and threads are the peaks of the whole process tree inside it: a worker JVM
 * that holds 200 MiB and 150 parked platform threads show up, and so does the worker's part of
 * the memory peak.
 */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class WindowMemoryTest {

    @BeforeEach
    void openTrial() {
        TrialLedger.open();
    }

    @Test
    void memoryAndThreadsAreTheTreesPeaksInTheWindow() throws Exception {
        settleOwnMemory();
        Map<String, Double> idle = measure(null, () -> sleep(300));
        Map<String, Double> busy = measure(null, () -> {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            List<Thread> parked = new java.util.ArrayList<>();
            try (ChildProcess holder = ChildProcess.startJvm(HolderMain.class.getName(), List.of("-Xmx512m"),
                    List.of("200"))) {
                holder.awaitLine(30, TimeUnit.SECONDS);
                for (int i = 0; i < 150; i++) {
                    parked.add(Thread.ofPlatform().start(() -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                }
                sleep(1000); // the process list is re-read every 0.5 s
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                release.countDown();
                parked.forEach(t -> {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            sleep(2 * MemorySampler.PERIOD_MS); // the window goes on after both are gone
        });
        // The test JVM's own PSS moves with its GC between the two windows (CI saw it 10 MiB smaller),
        // so the peak is checked as the worker's part plus at least half of this JVM's idle size.
        double peak = busy.get("tenfold.rss_mb");
        double worker = busy.get("tenfold.descendants_rss_mb");
        assertTrue(worker > 200, "200 MiB held by a worker: its part of the peak is " + worker + " MiB");
        assertTrue(peak > worker + idle.get("tenfold.rss_mb") / 2,
                "the peak holds this JVM and the worker: " + peak + " MiB, the worker " + worker + ", this JVM idle "
                + idle.get("tenfold.rss_mb"));
        assertTrue(busy.get("tenfold.threads") >= idle.get("tenfold.threads") + 150,
                "150 platform threads: " + busy.get("tenfold.threads") + " vs " + idle.get("tenfold.threads")
                + " idle");
    }

    /**
     * Collects this JVM's garbage and waits until its RSS stops falling (G1 gives memory back after
     * a full GC, concurrently, for seconds): otherwise this JVM can shrink by more than the worker
     * adds inside the busy window, and the tree's peak is then its first sample, without the worker.
     */
    private static void settleOwnMemory() throws Exception {
        System.gc();
        long last = ownRssKib();
        for (int i = 0; i < 40; i++) {
            Thread.sleep(500);
            long now = ownRssKib();
            if (Math.abs(now - last) < 2048) {
                return;
            }
            last = now;
        }
    }

    /** This JVM's VmRSS in KiB; 0 without /proc. */
    private static long ownRssKib() throws java.io.IOException {
        java.nio.file.Path status = java.nio.file.Path.of("/proc/self/status");
        return !java.nio.file.Files.exists(status) ? 0 : java.nio.file.Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
    }

    /** A child that touches {@code args[0]} MiB of heap, says so, and holds it until its parent closes stdin. */
    public static final class HolderMain {
        public static void main(String[] args) throws Exception {
            byte[][] held = new byte[Integer.parseInt(args[0])][];
            for (int i = 0; i < held.length; i++) {
                held[i] = new byte[1 << 20];
                java.util.Arrays.fill(held[i], (byte) 1);
            }
            System.out.println("HOLDING " + held.length);
            System.out.flush();
            ChildProcess.awaitParentExit();
            System.exit(held.length > 0 ? 0 : 1);
        }
    }

}
