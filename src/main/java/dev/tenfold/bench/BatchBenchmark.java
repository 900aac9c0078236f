package dev.tenfold.bench;

import dev.tenfold.backend.Backend;
import dev.tenfold.ledger.TrialLedger;
import dev.tenfold.measure.WindowProfiler;
import dev.tenfold.measure.TrialWarmUp;
import dev.tenfold.model.BatchResult;
import dev.tenfold.model.ExecutionModel;
import dev.tenfold.process.MeasuredJvm;
import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.MixStride;
import dev.tenfold.workload.RetryCounting;
import dev.tenfold.workload.Task;
import dev.tenfold.workload.http.HttpClients;
import java.net.http.HttpClient;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What every family's benchmark shares: one JMH operation is one batch of {@code tasks} tasks, run
 * by the model of the variant its {@code @Benchmark} method {@link Measures} ({@code virtual()}
 * measures {@link Variant#VIRTUAL}). {@code serial}, every family's baseline (Java and Python), is
 * declared here, the models every Java family runs in {@link JavaFamilyBenchmark}, those of the
 * Python recipe in {@link PythonFamilyBenchmark} (JMH generates inherited methods for each
 * subclass, as in JMHSample_24_Inheritance); each family declares its other models, one method
 * each that calls {@link #runBatch}, so {@code -l} lists nothing that cannot run. The model is
 * created once per trial, after the task, so only the model measured exists in the JVM (a
 * 1000-thread pool must not sit idle while virtual threads are measured).
 *
 * <p>Warm-up, at trial set-up: batches run until every JVM of the model (the fork, and each worker
 * JVM of a process pool) has run {@link Task#warmupTasks()} tasks, the JIT is done and the CPU per
 * task is flat ({@link TrialWarmUp}), or for at most {@value TrialWarmUp#SECONDS_PROPERTY} seconds
 * (default {@value TrialWarmUp#DEFAULT_SECONDS}; the CLI's profiles set it). JMH's own warm-up
 * iterations follow, then the measured ones, each window opened and closed by the iteration's
 * set-up and tear-down; the report tests the measured samples for a remaining trend.
 *
 * <p>The defaults below are for a bare {@code java -jar target/benchmarks.jar} run; the CLI's
 * profiles set forks, warm-up and measurement explicitly.
 *
 * <p>Why Throughput mode over batches: a batch of N tasks with C in flight has a ramp-up and a
 * tail, small at N >= 10 C; JMH counts whole batches, so tasks/s = batches/s x N exactly.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {MeasuredJvm.INITIAL_HEAP, MeasuredJvm.MAX_HEAP, MeasuredJvm.COLLECTOR,
        "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class BatchBenchmark {

    /** Tasks in flight: threads of the platform pool, virtual threads, async window. */
    @Param("10")
    public int concurrency;

    /** Fork-join parallelism, or worker JVMs of the process pool. */
    @Param("1")
    public int workers;

    /** Tasks per operation (one batch). */
    @Param("100")
    public int tasks;

    /**
     * The task indices {@code [0, mix)} of the rows this one is compared with, when they are more
     * than one batch: a baseline with small batches (serial) then runs task {@code k mod stride +
     * i x stride} as task i of its k-th batch (stride = mix / tasks), so each batch is an even
     * sample of the same task mix and its speedups divide like by like (the mixed family's images
     * differ in size). 0: the batch's own indices.
     */
    @Param("0")
    public int mix;

    private Variant variant;
    private TrialLedger ledger;
    private Task task;
    private ExecutionModel model;
    private MixStride stride;

    /**
     * Builds this family's task (and whatever it needs: backend, client, inputs) for the trial;
     * {@link #variant()} is already known.
     */
    protected abstract Task createTask() throws Exception;

    /** The variant's model, created after the task; a family with variants of its own overrides it. */
    protected ExecutionModel createModel(Variant variant, Task task) throws Exception {
        return ExecutionModel.of(variant, concurrency, workers, task);
    }

    /** The variant being measured: the {@link Measures} of the {@code @Benchmark} method. */
    protected final Variant variant() {
        return variant;
    }

    /** The ledger of this trial, open from the start of {@link #createTask()}. */
    protected final TrialLedger ledger() {
        return ledger;
    }

    /** Releases what {@link #createTask()} acquired (the backend and its client are closed here). */
    protected void closeTask() throws Exception {
    }

    private Backend backend;
    private HttpClients http;

    /** The backend of this trial's tasks: the CLI's (run bare: this fork's own), attached on first use. */
    protected final String backendUrl() throws java.io.IOException {
        if (backend == null) {
            backend = Backend.forBenchmark();
        }
        return backend.url();
    }

    /** The one HttpClient every model of this trial shares, created on first use and closed with the trial. */
    protected final HttpClient httpClient() {
        if (http == null) {
            http = HttpClients.create();
        }
        return http.client();
    }

    @Setup(Level.Trial)
    public final void startTrial(BenchmarkParams params) throws Exception {
        variant = measuredVariant(params.getBenchmark());
        if (mix > tasks && (variant != Variant.SERIAL || mix % tasks != 0)) {
            // a worker JVM or a staged model runs the task it was given, not the stride over it
            throw new IllegalArgumentException(
                    "-p mix=" + mix + " needs the serial variant and a multiple of tasks=" + tasks);
        }
        ledger = TrialLedger.open();
        task = createTask();
        model = createModel(variant, task);
        stride = new MixStride(mix, tasks);
        TrialWarmUp warmUp = new TrialWarmUp(ledger, model, task, tasks, stride);
        warmUp.run();
        model.pause();
        WindowProfiler.measureBackgroundNow(ledger, BACKGROUND_MILLIS, true);
        if (model.runsBetweenCalls()) {
            warmUp.settleStream();
        }
    }

    /** The {@link Measures} of the {@code @Benchmark} method JMH runs (the last part of {@code benchmark}). */
    private Variant measuredVariant(String benchmark) {
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        return java.util.Arrays.stream(getClass().getMethods())
                .filter(m -> m.getName().equals(method) && m.isAnnotationPresent(Measures.class))
                .map(m -> m.getAnnotation(Measures.class).value()).findFirst()
                .orElseThrow(() -> new IllegalStateException(benchmark + " has no @Measures variant"));
    }

    /** The measured window opens here, right before JMH's timed loop, so that it holds only the work JMH times. */
    @Setup(Level.Iteration)
    public final void startIteration() {
        ledger.workStartsNow();
    }

    /** ... and closes right after it. */
    @TearDown(Level.Iteration)
    public final void endIteration() {
        ledger.workEndsNow();
    }

    private static final long BACKGROUND_MILLIS = Long.getLong(WindowProfiler.BACKGROUND_MILLIS_PROPERTY, 300);

    /** The task as the next batch runs it: itself, or its stride over the {@link #mix}. */
    private Task nextBatchTask() {
        return stride.next(task);
    }

    /**
     * Runs one batch and tells JMH and the profiler what its tasks did (each result checked). A stream's
     * tasks reach the profiler as each ends ({@link #tallyEach}): a call also collects tasks ended between
     * windows, so JMH's counters are set to the window's count so far, not added to per call.
     */
    protected final BatchResult runBatch(TaskCounters counters) throws InterruptedException {
        BatchResult result = model.run(nextBatchTask(), tasks);
        RetryCounting.RetryCounts counts = task instanceof RetryCounting counting
                ? counting.drainRetryCounts() : RetryCounting.RetryCounts.NONE;
        if (model.runsBetweenCalls()) {
            // A call's tasks include those that ended in JMH's gap before it (an open loop at 100/s
            // showed JMH 113 tasks/s): JMH's counters take what the ledger counted inside the window.
            TrialLedger.Tally window = ledger.sinceDrain();
            counters.tasks = window.succeeded();
            counters.errors = window.errors();
            counters.retries = window.retries();
            counters.http429 = window.rejected();
            return result;
        }
        ledger.record(result.attempted(), result.succeeded(), result.errors(), counts.retries(),
                counts.rejected(), result.latencyNanos());
        counters.tasks += result.succeeded();
        counters.errors += result.errors();
        counters.retries += counts.retries();
        counters.http429 += counts.rejected();
        return result;
    }

    /** For a model that reports each task as it ends (a stream), on the task's thread: tells the trial's ledger. */
    protected final void tallyEach(BatchResult ended) {
        RetryCounting.RetryCounts counts = task instanceof RetryCounting counting
                ? counting.drainThisThread() : RetryCounting.RetryCounts.NONE;
        ledger.record(ended.attempted(), ended.succeeded(), ended.errors(), counts.retries(), counts.rejected(),
                ended.latencyNanos());
    }

    /** The baseline, which every family has: one task after the other. */
    @Benchmark
    @Measures(Variant.SERIAL)
    public BatchResult serial(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }

    @TearDown(Level.Trial)
    public final void stopTrial() throws Exception {
        if (model != null) {
            model.pause();
        }
        WindowProfiler.measureBackgroundNow(ledger, BACKGROUND_MILLIS, false); // the same JVMs, idle again
        if (model != null) {
            model.close();
        }
        closeTask();
        if (http != null) {
            http.close();
        }
        if (backend != null) {
            backend.close();
        }
    }
}
