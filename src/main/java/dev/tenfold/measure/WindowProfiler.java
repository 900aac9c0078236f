package dev.tenfold.measure;

import dev.tenfold.ledger.TrialLedger;
import java.util.ArrayList;
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

    private Window window;

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
        window = Window.open(self, backendPid(), BackendServed.at(System.getProperty(BACKEND_URL_PROPERTY)));
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
            org.HdrHistogram.Histogram served = window.servedTimes;
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
        Window window = Window.open(ProcessHandle.current().pid(), backendPid(),
                BackendServed.at(System.getProperty(BACKEND_URL_PROPERTY)));
        return window::close;
    }

    /**
     * Measures the background CPU of this trial's JVMs (this one, its worker JVMs, the backend):
     * the CPU they spend over {@code millis} of doing nothing. The roofline prices only the CPU
     * above it (SPEC: marginal CPU per task). The benchmark calls it in its trial set-up, after the
     * warm-up ({@code fresh}: this trial's first reading), and again in its tear-down, after the
     * measured work: right after the warm-up the JIT is often still compiling what it queued, so
     * each idle reading is an upper bound of the background, and the ledger keeps the lower one.
     */
    public static void measureBackgroundNow(TrialLedger ledger, long millis, boolean fresh) throws InterruptedException
            {
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

    /** One measured window: readings at its start, results at its end. */
    static final class Window implements TrialLedger.WindowEdges {
        private final long client;
        private final Long backend;
        private final BackendServed served;
        private long startNanos;
        private long workStartNanos;
        private long compileStart;
        private Map<Integer, Long> clientStart;
        private Map<Integer, Long> backendStart;
        private BackendServed.Totals servedStart;
        private Environment.CpuTicks ticksStart;
        private MemorySampler memory;

        private Window(long client, Long backend, BackendServed served) {
            this.client = client;
            this.backend = backend;
            this.served = served;
            start();
        }

        /**
         * Takes the start readings (again): first those whose timing does not matter (the
         * backend's counters, the memory sampler's first sample), then the CPU readings, then the
         * work starts. The window's wall time ({@code tenfold.wall_s}) is the span of the work
         * itself, from the end of these readings to the start of the end ones: tasks/s over it is
         * JMH's score. Reading a process tree takes milliseconds (tens with worker JVMs), in which
         * busy JVMs keep spending CPU, so CPU shares divide by the span between the midpoints of
         * the CPU readings instead (else a saturated window reads more than 100% of the cores).
         */
        @Override
        public synchronized void start() {
            if (end != null) {
                return; // ended already: a restart would open a window nobody closes
            }
            servedStart = served.read();
            TrialLedger.current().drainStoppedChildren(); // child JVMs stopped before the window do not count in it
            if (memory != null) {
                memory.stop(); // set-up's memory is not the window's
            }
            memory = new MemorySampler(client, excluded());
            long before = System.nanoTime();
            clientStart = ProcessTree.cpuMillis(client, excluded());
            backendStart = backend == null ? Map.of() : ProcessTree.cpuMillis(backend, Set.of());
            ticksStart = Environment.cpuTicksNow();
            startNanos = before + (System.nanoTime() - before) / 2;
            compileStart = TrialLedger.current().compileMillis();
            // last: the work starts now, and only tasks that end from now on count
            TrialLedger.current().drain();
            workStartNanos = System.nanoTime();
        }

        static Window open(long client, Long backend, BackendServed served) {
            return new Window(client, backend, served);
        }

        private Set<Long> excluded() {
            return backend == null ? Set.of() : Set.of(backend);
        }

        /** Readings at the end of the measured work. */
        private record End(double cpuSpan, double work, double compileMillis, Environment.CpuTicks ticks,
                TrialLedger.Window tasks,
                           double clientCpu,
                           Double backendCpu, BackendServed.Totals served, double rssMib, double descendantsMib,
                           int threads) {
        }

        private volatile End end;

        /** Takes the end readings, once: the first call wins (the tear-down's, when there is one). */
        @Override
        public synchronized void end() {
            if (end != null) {
                return;
            }
            // first: the work ends now, and the tasks counted are those that ended inside it
            long workEnd = System.nanoTime();
            TrialLedger ledger = TrialLedger.current();
            TrialLedger.Window tasks = ledger.drain();
            double compiled = ledger.compileMillis() - compileStart;
            long before = System.nanoTime();
            // A worker JVM that ended inside the window still counts up to its end; a backend this
            // JVM started and stopped does not.
            Map<Long, Long> stopped = new java.util.HashMap<>(ledger.drainStoppedChildren());
            Map<Long, Long> backendStopped = backend != null && stopped.containsKey(backend)
                    ? Map.of(backend, stopped.get(backend)) : Map.of();
            excluded().forEach(stopped::remove);
            double clientCpu = ProcessTree.cpuSecondsBetween(clientStart, ProcessTree.cpuMillis(client, excluded()),
                    stopped);
            Double backendCpu = backend == null ? null
                    : ProcessTree.cpuSecondsBetween(backendStart, ProcessTree.cpuMillis(backend, Set.of()),
                    backendStopped);
            Environment.CpuTicks ticks = Environment.cpuTicksNow();
            double cpuSpan = (before + (System.nanoTime() - before) / 2 - startNanos) / 1e9;
            MemorySampler.Peak peak = memory.stop();
            end = new End(cpuSpan, (workEnd - workStartNanos) / 1e9, compiled, ticks, tasks, clientCpu, backendCpu,
                    served.read(),
                    peak.pssMib() > 0 ? peak.pssMib() : ProcessTree.peakRssMib(client, excluded()),
                    peak.descendantsPssMib(), peak.threads());
        }

        /** The backend's own times of the responses it admitted in the window, once closed; null without them. */
        private org.HdrHistogram.Histogram servedTimes;

        /** The task latencies of the window, in nanoseconds (empty until it ended). */
        synchronized org.HdrHistogram.Histogram latency() {
            return end == null ? new org.HdrHistogram.Histogram(TrialLedger.SIGNIFICANT_DIGITS) : end.tasks().latency();
        }

        synchronized List<Result> close() {
            end();
            double cpuSpan = end.cpuSpan();
            Environment.CpuTicks ticksEnd = end.ticks();
            TrialLedger.Window tasks = end.tasks();
            double capacity = cpuSpan * ProcessTree.usableCores();
            List<Result> results = new ArrayList<>();
            results.add(Metric.CPU_SHARE.result(end.clientCpu() / capacity));
            if (end.backendCpu() != null) {
                results.add(Metric.BACKEND_CPU_SHARE.result(end.backendCpu() / capacity));
            }
            BackendServed.Totals servedEnd = end.served();
            if (servedStart != null && servedEnd != null) {
                results.add(Metric.BACKEND_REQUESTS.result(servedEnd.requests() - servedStart.requests()));
            }
            if (servedStart != null && servedEnd != null && servedEnd.count() > servedStart.count()) {
                double ms = (servedEnd.nanos() - servedStart.nanos()) / 1e6 / (servedEnd.count() - servedStart.count());
                results.add(Metric.BACKEND_LATENCY_MS.result(ms));
                servedTimes = servedEnd.servedSince(servedStart);
                if (servedTimes != null && servedTimes.getTotalCount() > 0) {
                    results.add(Metric.BACKEND_LATENCY_P50_MS.result(servedTimes.getValueAtPercentile(50) / 1e6));
                    results.add(Metric.BACKEND_LATENCY_P99_MS.result(servedTimes.getValueAtPercentile(99) / 1e6));
                }
            }
            results.add(Metric.RSS_MB.result(end.rssMib()));
            if (end.descendantsMib() > 0) {
                results.add(Metric.DESCENDANTS_RSS_MB.result(end.descendantsMib()));
            }
            if (end.threads() > 0) {
                results.add(Metric.THREADS.result(end.threads()));
            }
            results.add(Metric.ATTEMPTED.result(tasks.attempted()));
            results.add(Metric.SUCCEEDED.result(tasks.succeeded()));
            results.add(Metric.ERRORS.result(tasks.errors()));
            results.add(Metric.RETRIES.result(tasks.retries()));
            results.add(Metric.HTTP_429.result(tasks.rejected()));
            org.HdrHistogram.Histogram latency = tasks.latency();
            if (latency.getTotalCount() > 0) {
                results.add(Metric.LATENCY_MS.result(tasks.meanLatencyMs()));
                results.add(Metric.LATENCY_P50_MS.result(latency.getValueAtPercentile(50) / 1e6));
                results.add(Metric.LATENCY_P90_MS.result(latency.getValueAtPercentile(90) / 1e6));
                results.add(Metric.LATENCY_P99_MS.result(latency.getValueAtPercentile(99) / 1e6));
                results.add(Metric.LATENCY_P999_MS.result(latency.getValueAtPercentile(99.9) / 1e6));
                results.add(Metric.LATENCY_MAX_MS.result(latency.getMaxValue() / 1e6));
            }
            if (tasks.arrived() != null) {
                results.add(Metric.ARRIVED.result(tasks.arrived()));
                results.add(Metric.WAITING.result(tasks.waiting()));
            }
            results.add(Metric.WALL_S.result(end.work()));
            results.add(Metric.JIT_MS.result(end.compileMillis()));
            Double steal = ticksStart == null || ticksEnd == null ? null : ticksEnd.stealShareSince(ticksStart);
            if (steal != null) {
                results.add(Metric.STEAL_SHARE.result(steal));
            }
            TrialLedger ledger = TrialLedger.current();
            Double pipeCopy = ledger.pipeCopyMillis();
            if (pipeCopy != null) {
                results.add(Metric.PIPE_COPY_MS.result(pipeCopy));
            }
            TrialLedger.WarmUp warm = ledger.warmUp();
            if (warm != null) {
                results.add(Metric.WARMUP_S.result(warm.seconds()));
                results.add(Metric.WARMUP_TASKS.result(warm.tasks()));
            }
            Double background = ledger.backgroundCores();
            if (background != null) {
                results.add(Metric.BACKGROUND_CPU_SHARE.result(background / ProcessTree.usableCores()));
            }
            return results;
        }
    }
}
