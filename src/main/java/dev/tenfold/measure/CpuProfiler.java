package dev.tenfold.measure;

import dev.tenfold.process.ChildJvm;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof dev.tenfold.measure.CpuProfiler}) that reports, per iteration, what
 * the article's rules and the SPEC's bounds need:
 * <ul>
 *   <li>{@code tenfold.cpu_share}: CPU seconds of this JVM and its descendants (worker JVMs) /
 *       (wall seconds x logical cores), the backend left out;</li>
 *   <li>{@code tenfold.backend_cpu_share}: the same for the backend JVM, when its pid is known
 *       (system property {@code tenfold.backend.pid});</li>
 *   <li>{@code tenfold.backend_latency_ms}: the backend's own mean time per response, delay
 *       included, when it is tenfold's backend (see {@code ServedLatency});</li>
 *   <li>{@code tenfold.rss_mb}: peak RSS of this JVM and its descendants;</li>
 *   <li>{@code tenfold.attempted/succeeded/errors/retries/http_429} and {@code tenfold.latency_ms}: what the
 *       tasks did, from {@link TaskTally}; {@code tenfold.wall_s}: the window length.</li>
 * </ul>
 * Linux counts CPU time in 10 ms ticks: keep iterations at 1 s or more for a usable share.
 */
public final class CpuProfiler implements InternalProfiler {
    private static final String BACKEND_PID_PROPERTY = "tenfold.backend.pid";
    private static final String BACKEND_URL_PROPERTY = "tenfold.backend.url";
    private final long self = ProcessHandle.current().pid();

    private Window window;

    public CpuProfiler() {
    }

    /** The constructor JMH uses when options are given ({@code -prof CpuProfiler:...}); there are none. */
    public CpuProfiler(String initLine) {
    }

    @Override
    public String getDescription() {
        return "CPU share of this JVM + descendants and of the backend JVM, peak RSS, task counts (OSHI)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        window = Window.open(self, backendPid(), BackendServed.at(System.getProperty(BACKEND_URL_PROPERTY)));
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        return window.close();
    }

    private static Long backendPid() {
        String pid = System.getProperty(BACKEND_PID_PROPERTY);
        return pid == null || pid.isBlank() ? null : Long.valueOf(pid.trim());
    }

    /** One measured window: readings at its start, results at its end. */
    static final class Window {
        private final long client;
        private final Long backend;
        private final long startNanos;
        private final Map<Integer, Long> clientStart;
        private final Map<Integer, Long> backendStart;
        private final BackendServed served;
        private final BackendServed.Totals servedStart;

        private Window(long client, Long backend, BackendServed served) {
            this.client = client;
            this.backend = backend;
            this.served = served;
            this.servedStart = served.read();
            TaskTally.drain(); // tasks of the previous window (or of set-up) do not count here
            ChildJvm.drainStopped(); // likewise child JVMs stopped before it
            this.clientStart = ProcessTree.cpuMillis(client, excluded());
            this.backendStart = backend == null ? Map.of() : ProcessTree.cpuMillis(backend, Set.of());
            this.startNanos = System.nanoTime();
        }

        static Window open(long client, Long backend, BackendServed served) {
            return new Window(client, backend, served);
        }

        private Set<Long> excluded() {
            return backend == null ? Set.of() : Set.of(backend);
        }

        List<Result> close() {
            double wall = (System.nanoTime() - startNanos) / 1e9;
            TaskTally.Snapshot tasks = TaskTally.drain();
            double capacity = wall * ProcessTree.logicalCores();
            List<Result> results = new ArrayList<>();
            // Worker JVMs stopped in this window (the last iteration's trial tear-down) still count;
            // a backend this JVM started and stopped does not.
            Map<Long, Long> stopped = new java.util.HashMap<>(ChildJvm.drainStopped());
            Map<Long, Long> backendStopped = backend != null && stopped.containsKey(backend)
                    ? Map.of(backend, stopped.get(backend)) : Map.of();
            excluded().forEach(stopped::remove);
            double clientCpu = ProcessTree.cpuSecondsBetween(clientStart, ProcessTree.cpuMillis(client, excluded()), stopped);
            results.add(new ScalarResult("tenfold.cpu_share", clientCpu / capacity, "share", AggregationPolicy.AVG));
            if (backend != null) {
                double backendCpu = ProcessTree.cpuSecondsBetween(backendStart, ProcessTree.cpuMillis(backend, Set.of()), backendStopped);
                results.add(new ScalarResult("tenfold.backend_cpu_share", backendCpu / capacity, "share", AggregationPolicy.AVG));
            }
            BackendServed.Totals servedEnd = served.read();
            if (servedStart != null && servedEnd != null && servedEnd.count() > servedStart.count()) {
                double ms = (servedEnd.nanos() - servedStart.nanos()) / 1e6 / (servedEnd.count() - servedStart.count());
                results.add(new ScalarResult("tenfold.backend_latency_ms", ms, "ms", AggregationPolicy.AVG));
            }
            results.add(new ScalarResult("tenfold.rss_mb", ProcessTree.peakRssMib(client, excluded()), "MiB", AggregationPolicy.MAX));
            results.add(new ScalarResult("tenfold.attempted", tasks.attempted(), "tasks", AggregationPolicy.SUM));
            results.add(new ScalarResult("tenfold.succeeded", tasks.succeeded(), "tasks", AggregationPolicy.SUM));
            results.add(new ScalarResult("tenfold.errors", tasks.errors(), "tasks", AggregationPolicy.SUM));
            results.add(new ScalarResult("tenfold.retries", tasks.retries(), "tasks", AggregationPolicy.SUM));
            results.add(new ScalarResult("tenfold.http_429", tasks.rejected(), "responses", AggregationPolicy.SUM));
            if (tasks.attempted() > 0) {
                results.add(new ScalarResult("tenfold.latency_ms", tasks.meanLatencyMs(), "ms", AggregationPolicy.AVG));
            }
            results.add(new ScalarResult("tenfold.wall_s", wall, "s", AggregationPolicy.SUM));
            return results;
        }
    }
}
