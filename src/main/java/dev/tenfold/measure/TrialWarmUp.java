package dev.tenfold.measure;

import dev.tenfold.ledger.TrialLedger;
import dev.tenfold.model.BatchResult;
import dev.tenfold.model.ExecutionModel;
import dev.tenfold.model.PlatformPoolModel;
import dev.tenfold.model.SerialModel;
import dev.tenfold.workload.MixStride;
import dev.tenfold.workload.RetryCounting;
import dev.tenfold.workload.Task;
import java.util.concurrent.TimeUnit;

/**
 * A trial's warm-up, before anything is measured: whole batches of the trial's task on its model
 * until each JVM that runs tasks has run its share, the JIT is done and the CPU per task is flat
 * ({@link WarmUpRule}), or until the time cap. A task that waits on the backend first runs its
 * twin without latency, with the task itself in {@value #TASK_SHARE} of the time, so the JIT's
 * call counts come in seconds and its profile holds a waiting request's path too. The batches run
 * inside rehearsals of a measured window, so the JIT also compiles the profiler's readings first.
 * How long it took, and what ended it, go to the JSON and the fork's output. A stream (or an open
 * loop) then restarts after the idle readings in {@link #settleStream}, until its own path is compiled.
 */
public final class TrialWarmUp {
    /** System property: the most seconds the warm-up may take (the CLI's profiles set it). */
    public static final String SECONDS_PROPERTY = "tenfold.warmup.seconds";
    public static final int DEFAULT_SECONDS = 10;
    /** The share of the warm-up's first part that runs the task itself, the rest its twin without latency. */
    static final double TASK_SHARE = 0.05;
    /** Of the cap, what the twin leaves to the task alone once it has run its minimum. */
    static final long TASK_RESERVE_SECONDS = 20;
    /** Threads of the pool that runs serial's twin in the warm-up. */
    static final int SERIAL_TWIN_THREADS = 8;
    /** The warm-up of a model without a JIT: its connections, its pool, CPython's quickened bytecode. */
    static final long INTERPRETER_WARMUP_BATCHES = 2;
    /** How long a rehearsal window stays open: about a short measured iteration. */
    private static final long REHEARSAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();

    private final TrialLedger ledger;
    private final ExecutionModel model;
    private final Task task;
    private final int tasks;
    private final MixStride stride;
    /** Warm-up tasks that failed their check: printed, so that a broken twin cannot pass for a warm-up. */
    private long warmUpErrors;
    private AutoCloseable rehearsal;
    private long rehearsalStart;

    /**
     * @param ledger the trial's ledger: the warm-up's batches go into it as measured ones do
     * @param model  the trial's model
     * @param task   the trial's task
     * @param tasks  tasks per batch
     * @param stride how the model's own batches stride over the task mix, as measured ones do
     */
    public TrialWarmUp(TrialLedger ledger, ExecutionModel model, Task task, int tasks, MixStride stride) {
        this.ledger = ledger;
        this.model = model;
        this.task = task;
        this.tasks = tasks;
        this.stride = stride;
    }

    /**
     * Runs whole batches until each JVM that runs tasks has run {@link Task#warmupTasks()} of them
     * (a process pool spreads them over its worker JVMs), the JIT of the fork and of its worker
     * JVMs is done and this JVM's CPU per task no longer trends ({@link WarmUpRule}), or until the
     * time cap ({@value #SECONDS_PROPERTY}). Nothing of it is counted: the measured windows
     * open after it. How long it took goes to the JSON ({@code tenfold.warmup_s},
     * {@code tenfold.warmup_tasks}) and, with what ended it, to the fork's output. A task that asks
     * for no warm-up (0 tasks: a request of a second) gets none.
     */
    public void run() throws Exception {
        ExecutionModel warming = model.warmUpModel();
        long minimum = model.compilesAsItRuns() ? (long) task.warmupTasks() * Math.max(1, model.jvms())
                : task.warmupTasks() == 0 ? 0 : INTERPRETER_WARMUP_BATCHES * tasks;
        long start = System.nanoTime();
        long deadline = start + (long) (capSeconds() * 1e9);
        ledger.watchWorkerCompileMillis(model::workerCompileMillis);
        // A worker JVM rebuilds its task from the spec: the twin without latency is for this JVM's models
        // only. A stream warms up on its own task: a switch to the twin and back would stop and restart
        // it every batch, and with C in flight it makes its call counts at its own rate.
        Task twin = model.jvms() == 0 && !warming.runsBetweenCalls() ? task.withoutLatency() : task;
        WarmUpRule rule = new WarmUpRule(minimum, ledger.compileMillis());
        long twinTasks = 0;
        if (twin != task && minimum > 0) {
            // The call counts, fast, with the task itself in about TASK_SHARE of the time: the profile
            // the JIT compiles from then holds the paths a waiting request takes too, and the switch
            // to the task alone deoptimizes nothing (it did: C2 recompiled the client's path in the
            // first measured windows). Then the rule asks the task alone, from the minimum done.
            // Serial's twin runs on a small pool: one request at a time would take minutes to make the
            // calls, and the client code they run is the same (HttpClient.send). Past the minimum it
            // goes on until the JIT is done with it, but leaves the task alone TASK_RESERVE_SECONDS of
            // the cap: what compiles at the twin's rate (the client's selector loop, compiled on stack
            // after tens of thousands of wake-ups) would otherwise compile at the task's own rate, far
            // slower, inside the measured windows; under a short cap the task needs the time more (at
            // C=1000 with 9 s, a twin of 4.5 s left 4.5-8.7 s of compile per fork in the windows).
            long twinDeadline = deadline - TASK_RESERVE_SECONDS * 1_000_000_000L;
            boolean pooled = warming instanceof SerialModel;
            double twinSeconds = 0;
            double taskSeconds = 0;
            ExecutionModel twinModel = pooled ? new PlatformPoolModel(SERIAL_TWIN_THREADS) : warming;
            try {
                while (rule.tasks() < minimum ? System.nanoTime() < deadline
                        : !rule.jitDone() && System.nanoTime() < twinDeadline) {
                    boolean itself = taskSeconds < TASK_SHARE * (twinSeconds + taskSeconds);
                    WarmUpRule.Batch batch = itself ? warmUpBatch(task, warming, tasks)
                            : warmUpBatch(twin, twinModel, pooled ? SERIAL_TWIN_THREADS * tasks : tasks);
                    rule.add(batch);
                    if (itself) {
                        taskSeconds += batch.seconds();
                    } else {
                        twinSeconds += batch.seconds();
                    }
                }
            } finally {
                if (pooled) {
                    twinModel.close();
                }
            }
            twinTasks = rule.tasks();
            rule = new WarmUpRule(0, ledger.compileMillis());
        }
        String endedBy = "the task asking for none";
        while (minimum > 0) {
            rule.add(warmUpBatch(task, warming, tasks));
            if (rule.done()) {
                endedBy = "the JIT done and the CPU per task flat";
            } else if (System.nanoTime() >= deadline) {
                endedBy = "its time cap";
            } else {
                continue;
            }
            break;
        }
        endRehearsal();
        double seconds = (System.nanoTime() - start) / 1e9;
        ledger.recordWarmUp(seconds, twinTasks + rule.tasks());
        System.out.printf("tenfold warm-up: %.1f s, %d tasks without latency then %s; %d failed; ended by %s%n",
                seconds, twinTasks, rule.status(), warmUpErrors, endedBy);
        if (task instanceof RetryCounting counting) {
            counting.drainRetryCounts();
        }
    }

    /**
     * Starts a stream (or an open loop) for the measured iterations, unmeasured. It restarts from
     * nothing in flight (at C past K: a wave of 429s in step; an open loop's queue from empty), and
     * the idle readings before it made the JIT throw away code compiled for a busy client (the
     * HTTP client's selector loop, compiled on stack, traps when it finds nothing to do), while an
     * open loop's own path (the arrivals' timer, each task's report to the ledger) has not run in
     * the warm-up at all, which ran its model in batches. So it runs in rounds of {@value
     * #STREAM_SETTLE_MILLIS} ms until the JIT compiled at most {@link WarmUpRule#JIT_QUIET_SHARE} of
     * a round (a closed stream: of two rounds in a row), within what the warm-up left of its cap.
     * An open loop pauses between rounds: its queue past capacity grows as it runs, so each of its
     * rows starts its first window one round after a restart. The first sample then holds neither
     * the ramp-up nor the JIT compiling that path (-XX:+PrintCompilation: OpenLoopModel.ended,
     * arrive, the ledger's record, 20-230 ms per fork in full's open-loop windows after one second
     * of it; C2 of HttpClientImpl$SelectorManager::run on stack, ~0.4 s in a resilience row's
     * second window).
     */
    public void settleStream() throws Exception {
        long capEnd = System.nanoTime() + (long) (Math.max(0, capSeconds() - ledger.warmUp().seconds()) * 1e9);
        boolean queues = model.arrivalsQueue();
        int rounds = 0;
        int quietInARow = 0;
        long compiled;
        do {
            if (rounds++ > 0 && queues) {
                model.pause();
            }
            long compileBefore = ledger.compileMillis();
            long start = System.nanoTime();
            long settled = start + TimeUnit.MILLISECONDS.toNanos(STREAM_SETTLE_MILLIS);
            do {
                model.run(stride.next(task), tasks);
            } while (System.nanoTime() < settled);
            compiled = ledger.compileMillis() - compileBefore;
            quietInARow = compiled <= WarmUpRule.JIT_QUIET_SHARE * (System.nanoTime() - start) / 1e6
                    ? quietInARow + 1 : 0;
        } while (quietInARow < (queues ? 1 : 2) && System.nanoTime() < capEnd);
        System.out.printf("tenfold stream settled: %d round(s) of %d ms, the last compiled %d ms%n", rounds,
                STREAM_SETTLE_MILLIS, compiled);
        if (task instanceof RetryCounting counting) {
            counting.drainRetryCounts();
        }
    }

    /** How long a stream runs before its first measured window (and each settle round lasts). */
    static final long STREAM_SETTLE_MILLIS = 1000;

    private static double capSeconds() {
        return Double.parseDouble(System.getProperty(SECONDS_PROPERTY, Integer.toString(DEFAULT_SECONDS)));
    }

    /**
     * One warm-up batch of {@code batchTask} (the task or its twin). The batches run inside
     * rehearsals of a measured window, each held open for about a measured iteration's length, so
     * that the JIT also compiles the window's readings before anything is measured (see
     * WindowProfiler#rehearsal).
     */
    private WarmUpRule.Batch warmUpBatch(Task batchTask, ExecutionModel runner, int batchTasks) throws Exception {
        if (rehearsal == null) {
            rehearsal = WindowProfiler.rehearsal();
            rehearsalStart = System.nanoTime();
        }
        long cpuBefore = PROCESS.getProcessCpuTime();
        long batchStart = System.nanoTime();
        // the model's own batches stride over the mix as measured ones do; a pool made for the twin runs
        // its batch's indices as they are (a stride over more tasks than the mix holds would leave it)
        BatchResult result = runner.run(runner == model.warmUpModel() ? stride.next(batchTask) : batchTask, batchTasks);
        // into the ledger as a measured batch goes (each window drains what it finds at its start),
        // so that the first windows do not compile the ledger's path (its HdrHistogram) either
        ledger.record(result.attempted(), result.succeeded(), result.errors(), 0, 0, result.latencyNanos());
        warmUpErrors += result.errors();
        long attempted = result.attempted();
        long batchEnd = System.nanoTime();
        double cpuSeconds = (PROCESS.getProcessCpuTime() - cpuBefore) / 1e9;
        if (batchEnd - rehearsalStart >= REHEARSAL_NANOS) {
            endRehearsal();
        }
        return new WarmUpRule.Batch((batchEnd - batchStart) / 1e9, attempted, cpuSeconds, ledger.compileMillis());
    }

    private void endRehearsal() throws Exception {
        if (rehearsal != null) {
            rehearsal.close();
            rehearsal = null;
        }
    }
}
