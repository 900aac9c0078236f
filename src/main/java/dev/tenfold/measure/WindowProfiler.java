package dev.tenfold.measure;

import dev.tenfold.ledger.TrialLedger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;

/**
 * A JMH profiler ({@code -prof dev.tenfold.measure.WindowProfiler}) that reports what each measured
 * window held (the CPU, memory and threads of the client's JVMs and of the backend, the tasks and
 * their latencies, from the trial's {@link TrialLedger}), per iteration; what the article's rules
 * and the SPEC's bounds need:
 * <ul>
 *   <li>{@code tenfold.cpu_share}: CPU seconds of this JVM and its descendants (worker JVMs) /
 *       (wall seconds x usable cores), the backend left out;</li>
 *   <li>{@code tenfold.backend_cpu_share}: the same for the backend JVM, when its pid is known
 *       (system property {@code tenfold.backend.pid});</li>
 *   <li>{@code tenfold.backend_latency_ms}: the backend's own mean time per response, delay
 *       included, when it is tenfold's backend (see {@code ServedLatency});</li>
 *   <li>{@code tenfold.backend_latency_p50_ms}, {@code backend_latency_p99_ms}: the same responses'
 *       median and 99th percentile, from the backend's HdrHistogram;</li>
 *   <li>{@code tenfold.backend_requests}: stub requests the backend answered in the window, any
 *       status, to check against the tasks + retries the client sent;</li>
 *   <li>{@code tenfold.rss_mb}: peak PSS of this JVM and its descendants, sampled in the window
 *       (see {@link MemorySampler}; peak RSS where PSS cannot be read);</li>
 *   <li>{@code tenfold.descendants_rss_mb}: the descendants' part of that peak (worker JVMs, the
 *       Python recipe and its pool), without this JVM;</li>
 *   <li>{@code tenfold.threads}: peak OS threads of this JVM and its descendants in the window;</li>
 *   <li>{@code tenfold.steal_share}: the machine's CPU time stolen by the hypervisor in the window;</li>
 *   <li>{@code tenfold.background_cpu_share}: client + backend CPU share while no task runs, from
 *       {@link #measureBackgroundNow} (JIT, GC, timers: spent whatever the load);</li>
 *   <li>{@code tenfold.pipe_copy_ms}: milliseconds the raw pipe takes to carry one task's input
 *       to a worker JVM, on the hand-off rows (from the {@link TrialLedger});</li>
 *   <li>{@code tenfold.warmup_s}, {@code tenfold.warmup_tasks}: the trial's set-up warm-up (from
 *       the {@link TrialLedger});</li>
 *   <li>{@code tenfold.attempted/succeeded/errors/retries/http_429} and {@code tenfold.latency_ms}: what the
 *       tasks did, from the {@link TrialLedger}; {@code tenfold.wall_s}: the window length.</li>
 *   <li>{@code tenfold.latency_p50_ms} ... {@code latency_max_ms}: the window's task latency
 *       percentiles (an open loop's also {@code tenfold.arrived}, tasks that arrived in the window,
 *       and {@code tenfold.waiting}, tasks arrived and not ended at its end); each measured window's histogram is also
 * appended to the row's
 *       {@link LatencyLog} when system property {@value LatencyLog#DIRECTORY_PROPERTY} names a directory.</li>
 * </ul>
 * Linux counts CPU time in 10 ms ticks: keep iterations at 1 s or more for a usable share.
 */
public final class WindowProfiler implements InternalProfiler {
    /**
     * System property: milliseconds of the idle windows, after the warm-up and after the measured
     * work, in which the profiler measures the JVMs' background CPU (default 300).
     */
    public static final String BACKGROUND_MILLIS_PROPERTY = "tenfold.background.millis";

    private static final String BACKEND_PID_PROPERTY = "tenfold.backend.pid";
    private static final String BACKEND_URL_PROPERTY = "tenfold.backend.url";
    private final long self = ProcessHandle.current().pid();

    private MeasuredWindow window;

    public WindowProfiler() {
    }

    /** The constructor JMH uses when options are given ({@code -prof WindowProfiler:...}); there are none. */
    public WindowProfiler(String initLine) {
    }

    @Override
    public String getDescription() {
        return "CPU share of this JVM + descendants and of the backend JVM, peak RSS, task counts (OSHI)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (window != null) {
            window.end(); // one that JMH never closed: stop its sampler
        }
        window = MeasuredWindow.open(self, backendPid(), BackendServed.at(System.getProperty(BACKEND_URL_PROPERTY)));
        TrialLedger.current().windowOpened(window);
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        TrialLedger.current().windowOpened(null);
        List<Result> results = window.close();
        String logs = System.getProperty(LatencyLog.DIRECTORY_PROPERTY);
        if (logs != null && iterationParams.getType() == org.openjdk.jmh.runner.IterationType.MEASUREMENT
                && window.latency().getTotalCount() > 0) {
            java.util.Map<String, String> params = new java.util.HashMap<>();
            benchmarkParams.getParamsKeys().forEach(key -> params.put(key, benchmarkParams.getParam(key)));
            java.nio.file.Path log = java.nio.file.Path.of(logs,
                    LatencyLog.fileName(benchmarkParams.getBenchmark(), params));
            LatencyLog.append(log, window.latency());
            org.HdrHistogram.Histogram served = window.servedTimes();
            if (served != null && served.getTotalCount() > 0) {
                served.setStartTimeStamp(window.latency().getStartTimeStamp());
                served.setEndTimeStamp(window.latency().getEndTimeStamp());
                served.setTag(LatencyLog.BACKEND_TAG);
                LatencyLog.append(log, served);
            }
        }
        return results;
    }

    /**
     * A window like a measured one, whose results are thrown away: the warm-up runs each batch
     * inside one, so that the JIT also compiles the readings a measured window takes (process
     * trees, the memory sampler, the backend's counters) before anything is measured; otherwise
     * their compilation lands in the first measured windows (what was seen without it:
     * docs/measurement.md, "Warm-up").
     */
    public static AutoCloseable rehearsal() {
        JitQueue.idle(); // a measured window's start asks it too (MeasuredWindow#start)
        MeasuredWindow window = MeasuredWindow.open(ProcessHandle.current().pid(), backendPid(),
                BackendServed.at(System.getProperty(BACKEND_URL_PROPERTY)));
        return () -> {
            window.close();
            if (System.getProperty(LatencyLog.DIRECTORY_PROPERTY) != null) {
                // a measured window's latency goes to the log after it closes; compiled here, the
                // encoder's compilation does not run on into the next measured window
                LatencyLog.encode(window.latency());
            }
        };
    }

    /**
     * Measures the background CPU of this trial's JVMs (this one, its worker JVMs, the backend):
     * the CPU they spend over {@code millis} of doing nothing. The roofline prices only the CPU
     * above it (SPEC: marginal CPU per task). The benchmark calls it in its trial set-up, after the
     * warm-up ({@code fresh}: this trial's first reading), and again in its tear-down, after the
     * measured work: right after the warm-up the JIT is often still compiling what it queued, so
     * each idle reading is an upper bound of the background, and the ledger keeps the lower one.
     */
    public static void measureBackgroundNow(TrialLedger ledger, long millis, boolean fresh)
            throws InterruptedException {
        long self = ProcessHandle.current().pid();
        Long backend = backendPid();
        Set<Long> excluded = backend == null ? Set.of() : Set.of(backend);
        Map<Integer, Long> clientStart = ProcessTree.cpuMillis(self, excluded);
        Map<Integer, Long> backendStart = backend == null ? Map.of() : ProcessTree.cpuMillis(backend, Set.of());
        long start = System.nanoTime();
        Thread.sleep(millis);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = ProcessTree.cpuSecondsBetween(clientStart, ProcessTree.cpuMillis(self, excluded), Map.of())
                + (backend == null ? 0 : ProcessTree.cpuSecondsBetween(backendStart,
                ProcessTree.cpuMillis(backend, Set.of()), Map.of()));
        ledger.recordBackground(cpu / wall, fresh);
    }

    private static Long backendPid() {
        String pid = System.getProperty(BACKEND_PID_PROPERTY);
        return pid == null || pid.isBlank() ? null : Long.valueOf(pid.trim());
    }
}
