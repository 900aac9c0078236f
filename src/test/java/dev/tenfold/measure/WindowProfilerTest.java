package dev.tenfold.measure;

import dev.tenfold.ledger.TrialLedger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.process.ChildProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;

/**
 * The profiler sees a spinning thread as the CPU it got, a sleeping thread as ~0, and keeps the
 * backend apart. The expected CPU comes from a second source (the thread's or the process's own CPU
 * time from the JDK), not from "one core": on a loaded machine a spinning thread gets less than a
 * core, and the profiler must report what it got.
 */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class WindowProfilerTest {
    /**
     * How far above the JDK's own figure for the same processes a reading may lie (window edges, 10 ms ticks), in
     * cores.
     */
    private static final double ABOVE = 0.2;
    /**
     * The least part of the JDK's own figure a reading must show: the JDK's bracket is a little
     * wider than the window (it includes opening and closing it), and Linux counts in 10 ms ticks.
     * A lost reading would be near 0, far below.
     */
    private static final double AT_LEAST = 0.75;
    private static final long SELF = ProcessHandle.current().pid();
    private static final long WINDOW_MS = 1500;

    /** Each test is a trial of its own: nothing another test (an in-process JMH run) left in the ledger. */
    @org.junit.jupiter.api.BeforeEach
    void openTrial() {
        TrialLedger.open();
    }

    static Map<String, Double> measure(Long backend, Runnable during) {
        MeasuredWindow window = MeasuredWindow.open(SELF, backend, BackendServed.at(null));
        try {
            during.run();
        } finally {
            window.end(); // also when the work fails: its sampler thread stops
        }
        List<Result> results = window.close();
        return results.stream().collect(Collectors.toMap(Result::getLabel, r -> r.getScore()));
    }

    private static void spin(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7;
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double busyCores(Map<String, Double> r, String label) {
        return r.get(label) * ProcessTree.usableCores();
    }

    /**
     * Asserts a profiler reading against the JDK's figure for the same work, after checking the work got CPU at all.
     */
    private static void assertReads(double expectedCores, double busy, String what) {
        org.junit.jupiter.api.Assumptions.assumeTrue(expectedCores > 0.1, what + " got only " + expectedCores
                + " of a core: the machine is too loaded to tell");
        assertTrue(busy > AT_LEAST * expectedCores && busy < expectedCores + ABOVE,
                what + ": profiler read " + busy + " busy cores, the JDK " + expectedCores);
    }

    private static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElseThrow();
    }

    @Test
    void aSpinningThreadIsTheCpuItGot() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = threads.getCurrentThreadCpuTime();
        double cpu = cpuSeconds(ProcessHandle.current());
        long start = System.nanoTime();
        double busy = busyCores(measure(null, () -> spin(WINDOW_MS)), "tenfold.cpu_share");
        double seconds = (System.nanoTime() - start) / 1e9;
        double spinner = (threads.getCurrentThreadCpuTime() - thread) / 1e9 / seconds;
        double jvm = (cpuSeconds(ProcessHandle.current()) - cpu) / seconds; // the spinner and the JVM's own threads
        assertReads(jvm, busy, "a spinning thread (its own CPU " + spinner + ")");
        assertTrue(busy > AT_LEAST * spinner, "at least the spinning thread: " + busy + " vs " + spinner);
    }

    /**
     * Wall time is not CPU: a sleeping thread reads as what the JVM spent meanwhile (its JIT and GC,
     * a few percent when idle, more on a loaded machine catching up), far below one core.
     */
    @Test
    void aSleepingThreadIsIdle() {
        ProcessHandle self = ProcessHandle.current();
        double cpu = cpuSeconds(self);
        long start = System.nanoTime();
        double busy = busyCores(measure(null, () -> sleep(WINDOW_MS)), "tenfold.cpu_share");
        double spent = (cpuSeconds(self) - cpu) / ((System.nanoTime() - start) / 1e9);
        assertTrue(busy < spent + ABOVE, "busy cores " + busy + " while the JVM spent " + spent);
    }

    @Test
    void aChildProcessCountsForTheClientUnlessItIsTheBackend() throws Exception {
        Process child = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            ProcessHandle self = ProcessHandle.current();
            double cpu = cpuSeconds(child.toHandle());
            double own = cpuSeconds(self);
            long start = System.nanoTime();
            Map<String, Double> asWorker = measure(null, () -> sleep(WINDOW_MS));
            double seconds = (System.nanoTime() - start) / 1e9;
            double childCores = (cpuSeconds(child.toHandle()) - cpu) / seconds;
            double ownCores = (cpuSeconds(self) - own) / seconds;
            assertReads(childCores + ownCores, busyCores(asWorker, "tenfold.cpu_share"), "a busy child as client CPU");
            assertTrue(busyCores(asWorker, "tenfold.cpu_share") > AT_LEAST * childCores,
                    "the child counts: " + asWorker);
            assertFalse(asWorker.containsKey("tenfold.backend_cpu_share"));

            cpu = cpuSeconds(child.toHandle());
            own = cpuSeconds(self);
            start = System.nanoTime();
            Map<String, Double> asBackend = measure(child.pid(), () -> sleep(WINDOW_MS));
            seconds = (System.nanoTime() - start) / 1e9;
            childCores = (cpuSeconds(child.toHandle()) - cpu) / seconds;
            ownCores = (cpuSeconds(self) - own) / seconds;
            assertTrue(busyCores(asBackend, "tenfold.cpu_share") < ownCores + ABOVE,
                    "backend kept out of the client: " + asBackend + ", this JVM alone " + ownCores);
            assertReads(childCores, busyCores(asBackend, "tenfold.backend_cpu_share"), "the backend's CPU");
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    /**
     * The background is what the JVMs spend while no task runs: near 0 for an idle JVM, and a busy
     * child's CPU when one spins (it is spent whatever the load), reported in every later window.
     */
    @Test
    void theBackgroundIsWhatTheJvmsSpendWhileNoTaskRuns() throws Exception {
        double idle = idleBackground(500, true);
        double spent = lastIdleSpent;
        // this JVM's own figure over the same half second: a few percent idle, more while its JIT catches up
        assertTrue(idle < spent + ABOVE, "an idle JVM's background: " + idle + " busy cores, the JDK " + spent);

        Process child = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            double cpu = cpuSeconds(child.toHandle());
            long start = System.nanoTime();
            WindowProfiler.measureBackgroundNow(TrialLedger.current(), 1000, true);
            double childCores = (cpuSeconds(child.toHandle()) - cpu) / ((System.nanoTime() - start) / 1e9);
            assertReads(childCores, busyCores(measure(null, () -> sleep(100)), "tenfold.background_cpu_share"),
                    "a spinning child in the background");
        } finally {
            child.destroyForcibly().waitFor();
        }
        double again = idleBackground(500, false); // idle again: the lower reading is kept, not the child's
        assertTrue(again < lastIdleSpent + ABOVE, "the lower of two readings: " + again + " busy cores, the JDK "
        + lastIdleSpent);
    }

    /** Busy cores of this JVM over the last {@link #idleBackground} window, by the JDK's own count. */
    private static double lastIdleSpent;

    /** Measures the background over {@code millis} of idling and reports it through a window, as a trial does. */
    private static double idleBackground(long millis, boolean fresh) throws InterruptedException {
        ProcessHandle self = ProcessHandle.current();
        double cpu = cpuSeconds(self);
        long start = System.nanoTime();
        WindowProfiler.measureBackgroundNow(TrialLedger.current(), millis, fresh);
        lastIdleSpent = (cpuSeconds(self) - cpu) / ((System.nanoTime() - start) / 1e9);
        return busyCores(measure(null, () -> sleep(100)), "tenfold.background_cpu_share");
    }

    @Test
    void aWorkerJvmStoppedBeforeTheWindowClosesStillCounts() throws Exception {
        // JMH tears a trial down (stopping worker JVMs) before the last iteration's profilers read.
        double[] spinnerCpu = new double[1];
        long start = System.nanoTime();
        Map<String, Double> r = measure(null, () -> {
            try (ChildProcess spinner = ChildProcess.startJvm(SpinnerMain.class.getName(), List.of(), List.of())) {
                spinner.awaitLine(30, TimeUnit.SECONDS);
                sleep(WINDOW_MS);
                spinnerCpu[0] = cpuSeconds(ProcessHandle.of(spinner.pid()).orElseThrow());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        double expected = spinnerCpu[0] / ((System.nanoTime() - start) / 1e9);
        double busy = busyCores(r, "tenfold.cpu_share");
        org.junit.jupiter.api.Assumptions.assumeTrue(expected > 0.1, "the spinner got only " + expected + " of a core");
        assertTrue(busy > AT_LEAST * expected, "a stopped worker's CPU is lost: profiler " + busy + ", the JDK "
                + expected);
    }

    /**
     * Memory and threads are the tree's peaks inside the window: a worker JVM holding 200 MiB and
     * 150 parked platform threads, both gone before the window closes, still show in full.
     */
    /** A child that keeps one core busy until its parent closes stdin. */
    public static final class SpinnerMain {
        public static void main(String[] args) throws Exception {
            System.out.println("SPINNING");
            System.out.flush();
            Thread spin = Thread.ofPlatform().daemon().start(() -> spin(Long.MAX_VALUE / 2_000_000));
            ChildProcess.awaitParentExit();
            System.exit(spin.isAlive() ? 0 : 1);
        }
    }

    @Test
    void reportsTheTasksOfItsWindowOnly() {
        TrialLedger ledger = TrialLedger.open();
        ledger.record(5, 5, 0, 0, 0, new long[5]); // before the window: not counted
        long[] latencies = new long[10];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = (i + 1) * 400_000L; // 0.4 .. 4.0 ms, mean 2.2
        }
        Map<String, Double> r = measure(null, () -> ledger.record(10, 8, 2, 3, 4, latencies));
        assertEquals(10, r.get("tenfold.attempted"));
        assertEquals(8, r.get("tenfold.succeeded"));
        assertEquals(2, r.get("tenfold.errors"));
        assertEquals(3, r.get("tenfold.retries"));
        assertEquals(4, r.get("tenfold.http_429"));
        assertEquals(2.2, r.get("tenfold.latency_ms"), 1e-9);
        assertEquals(2.0, r.get("tenfold.latency_p50_ms"), 0.002);
        assertEquals(4.0, r.get("tenfold.latency_p99_ms"), 0.004);
        assertEquals(4.0, r.get("tenfold.latency_max_ms"), 0.004);
        assertTrue(r.get("tenfold.rss_mb") > 10, "peak RSS of a JVM is tens of MiB at least");
    }

    @Test
    void theWindowIsTheMeasuredWorkOnlyNotTheSetUpBeforeItNorTheTearDownAfterIt() {
        MeasuredWindow window = MeasuredWindow.open(SELF, null, BackendServed.at(null));
        TrialLedger ledger = TrialLedger.open();
        ledger.record(1000, 1000, 0, 0, 0, new long[1000]); // the trial's set-up warm-up: not counted
        sleep(400);
        window.start();                            // what BatchBenchmark's set-up ends with
        ledger.record(10, 10, 0, 0, 0, new long[10]);
        sleep(300);
        window.end();                              // what its tear-down starts with
        sleep(600);                                // stopping the model: outside the window
        ledger.record(7, 7, 0, 0, 0, new long[7]);
        Map<String, Double> r = window.close().stream().collect(Collectors.toMap(Result::getLabel, x -> x.getScore()));
        assertEquals(10, r.get("tenfold.attempted"));
        double wall = r.get("tenfold.wall_s");
        assertTrue(wall >= 0.29 && wall < 0.6, "the window is the 300 ms between start and end, not " + wall + " s");
    }

    @Test
    void machineIdentityIsComplete() {
        MachineIdentity m = MachineIdentity.current();
        assertFalse(m.host().isBlank());
        assertFalse(m.cpuModel().isBlank());
        assertTrue(m.logicalCores() >= 1 && m.physicalCores() >= 1 && m.memoryGb() > 0);
        assertTrue(m.jdk().contains(Integer.toString(Runtime.version().feature())), m.jdk());
        assertTrue(m.fileSafeHost().matches("[a-z0-9._-]+"), m.fileSafeHost());
    }
}
