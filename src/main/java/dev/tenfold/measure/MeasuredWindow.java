package dev.tenfold.measure;

import dev.tenfold.ledger.TrialLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.results.Result;

/**
 * One measured window of the {@link WindowProfiler}: readings at its start, results at its end. Its
 * edges are the benchmark's (through the trial's {@link TrialLedger}), so that it holds the work JMH
 * times and nothing else.
 */
final class MeasuredWindow implements TrialLedger.WindowEdges {
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

    private MeasuredWindow(long client, Long backend, BackendServed served) {
        this.client = client;
        this.backend = backend;
        this.served = served;
        takeStartReadings();
    }

    /**
     * The measured work starts: once the JIT has gone quiet, the start readings are taken again.
     * What the edges between windows run once per window (the previous window's end readings,
     * JMH's hand-over of its results, this window's start readings) keeps queueing compilations
     * long after the warm-up, and the compiler threads would run them inside the window: ~0.1-0.3 s
     * of compile per window on 2 cores (docs/measurement.md, "Warm-up"). This is outside JMH's
     * timed loop (the benchmark's iteration set-up calls it), so JMH's score does not see the wait.
     */
    @Override
    public void start() {
        awaitQuietJit();
        takeStartReadings();
    }

    /** The compile time of the trial's JVMs stood still for this long: their JITs' queues are empty. */
    private static final long JIT_QUIET_MILLIS = 50;
    /** The longest wait for it: a JIT that is still compiling the work itself shows in jit_ms instead. */
    private static final long JIT_WAIT_MILLIS = 500;

    /**
     * Waits, at most {@value #JIT_WAIT_MILLIS} ms, until this JVM's JIT has nothing compiling or
     * queued and the compile time of the trial's JVMs (worker JVMs report only that) has stood still
     * for {@value #JIT_QUIET_MILLIS} ms. The compile time alone cannot tell: it grows when a
     * compilation ends, so a C2 compile of 0.3 s in progress looked quiet, and ended inside the
     * window (one such per fork in the second window of full's resilience rows, 2026-12-08).
     */
    private static void awaitQuietJit() {
        TrialLedger ledger = TrialLedger.current();
        long deadline = System.nanoTime() + JIT_WAIT_MILLIS * 1_000_000;
        long compiled = ledger.compileMillis();
        long quietSince = System.nanoTime();
        try {
            while (System.nanoTime() < deadline && (System.nanoTime() - quietSince < JIT_QUIET_MILLIS * 1_000_000
                    || !JitQueue.idle())) {
                Thread.sleep(5);
                long now = ledger.compileMillis();
                if (now != compiled) {
                    compiled = now;
                    quietSince = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes the start readings (again): first the memory sampler's first sample, whose timing does
     * not matter, then the CPU readings, then the backend's request counters, then the work
     * starts. The window's wall time ({@code tenfold.wall_s}) is the span of the work itself,
     * from the end of these readings to the start of the end ones: tasks/s over it is JMH's
     * score. Reading a process tree takes milliseconds (tens with worker JVMs), in which busy
     * JVMs keep spending CPU, so CPU shares divide by the span between the midpoints of the CPU
     * readings instead (else a saturated window reads more than 100% of the cores).
     */
    private synchronized void takeStartReadings() {
        if (end != null) {
            return; // ended already: a restart would open a window nobody closes
        }
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
        // The backend's counters right before the drain, as at the end right after it: a stream's
        // requests run on meanwhile, and read before the CPU readings the backend counted 5-13% more
        // requests than the client had sent in the same windows (at ~13,000/s, tens of ms per edge).
        servedStart = served.read();
        // last: the work starts now, and only tasks that end from now on count
        TrialLedger.current().drain();
        workStartNanos = System.nanoTime();
    }

    static MeasuredWindow open(long client, Long backend, BackendServed served) {
        return new MeasuredWindow(client, backend, served);
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
        BackendServed.Totals servedEnd = served.read();
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
                servedEnd,
                peak.pssMib() > 0 ? peak.pssMib() : ProcessTree.peakRssMib(client, excluded()),
                peak.descendantsPssMib(), peak.threads());
    }

    private org.HdrHistogram.Histogram servedTimes;

    /** The backend's own times of the responses it admitted in the window, once closed; null without them. */
    synchronized org.HdrHistogram.Histogram servedTimes() {
        return servedTimes;
    }

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
