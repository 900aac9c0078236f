package dev.tenfold.cli;

import static dev.tenfold.cli.RunParams.CONCURRENCY;
import static dev.tenfold.cli.RunParams.LATENCY_MS;
import static dev.tenfold.cli.RunParams.TASKS;
import static dev.tenfold.cli.RunParams.WORKERS;
import static dev.tenfold.cli.RunParams.WORKLOAD;
import static dev.tenfold.vocabulary.Variant.*;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.http.ImageSet;
import dev.tenfold.workload.catalog.Workloads;
import dev.tenfold.workload.resilience.ResilientItemTask.Endpoint;
import dev.tenfold.workload.resilience.RetryPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which benchmarks run with which parameters, for a profile. Each family lists its variants and
 * sweeps here; {@code -p name=v1,v2} replaces a sweep and {@code --include} filters by
 * {@code family/variant}.
 */
final class SuitePlan {
    /** The CPU family's workloads (CpuBenchmark's {@code workload} parameter). */
    static final List<String> CPU_WORKLOADS = List.copyOf(Workloads.CPU.keySet());

    /** K of the rate-limited endpoint: requests it lets in flight before it answers 429. */
    static final int RATE_LIMIT = 50;

    private final Profile profile;
    private final PlanOverrides overrides;
    private final int usableCores;
    /** The most worker JVMs a row starts by default, as the memory allows (MemoryPlan). */
    private final int workerJvms;

    /** A plan for a machine with memory to spare (tests of everything but the memory). */
    SuitePlan(Profile profile, Map<String, List<String>> overrides, int usableCores) {
        this(profile, overrides, usableCores, Long.MAX_VALUE / 2);
    }

    SuitePlan(Profile profile, Map<String, List<String>> overrides, int usableCores, long physicalMb) {
        this.profile = profile;
        this.overrides = new PlanOverrides(overrides);
        this.usableCores = usableCores;
        this.workerJvms = MemoryPlan.mostWorkers(physicalMb);
    }

    /**
     * Worker counts (JVMs, or the recipe's Python processes) as the memory allows: each capped at {@link #workerJvms},
     * duplicates dropped.
     */
    List<Integer> workerCounts(List<Integer> counts) {
        return List.copyOf(new LinkedHashSet<>(counts.stream().map(n -> Math.min(n, workerJvms)).toList()));
    }

    Profile profile() {
        return profile;
    }

    PlanOverrides overrides() {
        return overrides;
    }

    int usableCores() {
        return usableCores;
    }

    /**
     * Worker-JVM counts without a pool of one where cores-1 is one (2 cores): that is serial in
     * another JVM, the pipe's cost alone, which the hand-off rows measure.
     */
    private static List<Integer> pools(List<Integer> counts) {
        return counts.stream().filter(n -> n > 1).toList();
    }

    List<PlanItem> items(Pattern include) {
        List<PlanItem> items = new ArrayList<>();
        if (profile == Profile.ARTICLE) {
            ArticlePlan.add(this, items);
            return items.stream().filter(item -> include.matcher(item.id()).find()).toList();
        }
        if (profile == Profile.LATENCY) {
            overrides.ints(LATENCY_MS, List.of(DEFAULT_LATENCY_MS)).forEach(latency
                    -> OpenLoopPlan.add(this, items, latency));
            return items.stream().filter(item -> include.matcher(item.id()).find()).toList();
        }
        for (int latency : overrides.ints(LATENCY_MS, List.of(DEFAULT_LATENCY_MS))) {
            io(items, latency);
        }
        // quick: downscale (an allocation-heavy kernel like matmul, at the same bound) and the short
        // SHA-256 chain (Python's GIL-bound case; in Java the same bound as sha256) only in full
        List<String> cpuWorkloads = profile == Profile.FULL ? CPU_WORKLOADS : List.of("sha256");
        for (String workload : overrides.values(WORKLOAD, cpuWorkloads)) {
            if (Workloads.HANDOFF.containsKey(workload)) {
                handoff(items, workload);
            } else {
                cpu(items, workload);
            }
        }
        if (profile == Profile.FULL && !overrides.has(WORKLOAD)) {
            Workloads.HANDOFF.keySet().forEach(workload -> handoff(items, workload));
        }
        for (int latency : overrides.ints(LATENCY_MS, List.of(DEFAULT_LATENCY_MS))) {
            mixed(items, latency);
            if (profile != Profile.QUICK) { // quick's 10 minutes hold 3 forks of the other families' claims
                resilience(items, latency);
            }
        }
        if (profile != Profile.QUICK) { // quick has no minute left for them; smoke proves they run
            PythonPlan.add(this, items, overrides.ints(LATENCY_MS, List.of(DEFAULT_LATENCY_MS)).get(0));
            OpenLoopPlan.add(this, items, overrides.ints(LATENCY_MS, List.of(DEFAULT_LATENCY_MS)).get(0));
        }
        return items.stream().filter(item -> include.matcher(item.id()).find()).toList();
    }

    /** The backend's delay per response unless {@code -p latencyMs=} says otherwise. */
    static final int DEFAULT_LATENCY_MS = 50;

    /** The I/O family: serial once, each concurrent model over the C sweep, the process pool over W. */
    private void io(List<PlanItem> items, int latency) {
        items.add(io(SERIAL, 1, 1, overrides.ints(TASKS, List.of(profile.serialTasks)).get(0), latency));
        List<Integer> sweep = overrides.ints(CONCURRENCY, profile.concurrencySweep);
        for (Variant variant : List.of(PLATFORM, VIRTUAL, ASYNC)) {
            for (int c : sweep) {
                // quick: C=10, the article's case (the models do not part before C=1000)
                if (profile != Profile.QUICK || c <= 10 || overrides.has(CONCURRENCY)) {
                    items.add(io(variant, c, 1, tasks(c), latency));
                }
            }
        }
        // The article's advice, cpu_count()-1 workers, and (full) one worker per request in flight (capped
        // at 16 JVMs). Smoke: ten workers only (one worker at C=1 would spend its whole iteration on one
        // serial batch; 16 JVMs cost smoke ~10 s of start-up).
        List<Integer> processWorkers = new ArrayList<>();
        if (overrides.has(WORKERS)) {
            processWorkers.addAll(overrides.ints(WORKERS, List.of()));
        } else if (profile == Profile.SMOKE) {
            processWorkers.add(Math.min(sweep.get(sweep.size() - 1), 10));
        } else if (profile == Profile.FULL) {
            processWorkers.addAll(pools(List.of(usableCores - 1)));
            sweep.stream().filter(c -> c <= 10).forEach(processWorkers::add);
        }
        for (int w : overrides.has(WORKERS) ? processWorkers : workerCounts(processWorkers)) {
            items.add(io(PROCESS, w, w, tasks(w), latency));
        }
    }

    /**
     * The CPU family: serial and platform threads at all cores on every workload; on the first
     * (full), threads at cores-1 too (the article's advice), more virtual threads than carriers
     * (they still run on one carrier per core), a ForkJoinPool of all cores and worker JVMs at
     * cores and cores-1 (unless that is one). Every batch has 8 tasks per core, so the last round
     * of a batch leaves few cores idle. quick runs serial and threads at all cores only; smoke
     * runs each model once, at all cores.
     */
    private void cpu(List<PlanItem> items, String workload) {
        int tasks = overrides.ints(TASKS, List.of(profile == Profile.SMOKE ? 4 * usableCores : 8 * usableCores)).get(0);
        // every model on the first workload; on the others serial against threads (full's 150 minutes: the
        // other models share the threads' bound, and the short chain is there for Python's GIL)
        boolean everyModel = profile != Profile.QUICK && workload.equals(CPU_WORKLOADS.get(0));
        // cores-1 (the article's advice) on the first workload: the advice is about the pool, not the task
        List<Integer> counts = profile == Profile.FULL && workload.equals(CPU_WORKLOADS.get(0))
                ? List.copyOf(new LinkedHashSet<>(List.of(usableCores, Math.max(1, usableCores - 1))))
                : List.of(usableCores);
        items.add(cpu(SERIAL, 1, 1, tasks, workload));
        for (int threads : overrides.ints(CONCURRENCY, counts)) {
            items.add(cpu(PLATFORM, threads, 1, tasks, workload));
        }
        if (everyModel) {
            for (int threads : overrides.ints(CONCURRENCY, List.of(4 * usableCores))) {
                items.add(cpu(VIRTUAL, threads, 1, tasks, workload));
            }
            for (int workers : overrides.ints(WORKERS, List.of(usableCores))) {
                items.add(cpu(FORKJOIN, workers, workers, tasks, workload));
            }
        }
        if (everyModel) { // quick: threads only (Java has no GIL); worker JVMs in full
            for (int workers : overrides.ints(WORKERS, workerCounts(pools(counts)))) {
                items.add(cpu(PROCESS, workers, workers, tasks, workload));
            }
        }
    }

    /**
     * Hand-off of a large input to worker JVMs at every core: the verdict compares pipe with mapping.
     * The work alone (serial, for a speedup) only where {@code -p workload=} asks for the hand-off: it is
     * the same CRC32C under both names, and full's 150 minutes hold other rows.
     */
    private void handoff(List<PlanItem> items, String workload) {
        int tasks = overrides.ints(TASKS, List.of(8 * usableCores)).get(0);
        if (overrides.has(WORKLOAD)) {
            items.add(cpu(SERIAL, 1, 1, tasks, workload));
        }
        for (int workers : overrides.ints(WORKERS, workerCounts(List.of(usableCores)))) {
            items.add(cpu(PROCESS, workers, workers, tasks, workload));
        }
    }

    /**
     * The mixed family at C=10 (and 100 in full), where downloads alone and thumbnails alone on two
     * cores take comparable times: serial, every combination (smoke: split and pipeline), and each
     * stage alone for the bound. A batch is every image once; the CPU side always gets all cores.
     */
    private void mixed(List<PlanItem> items, int latency) {
        // quick and smoke: half the images per batch, and one-pool (platform threads doing both, as virtual) only in
        // full
        int tasks = overrides.ints(TASKS, List.of(profile == Profile.FULL ? ImageSet.COUNT
                : ImageSet.COUNT / 2)).get(0);
        // serial's short batches stride over the same images as the combinations' (same task mix)
        items.add(new PlanItem(Family.MIXED, SERIAL,
                RunParams.mixed(1, 1, overrides.ints(TASKS, List.of(profile.serialTasks)).get(0), latency, tasks)));
        for (int c : overrides.ints(CONCURRENCY, List.of(10))) {
            for (Variant variant : profile == Profile.SMOKE ? List.of(SPLIT, PIPELINE, IO_STAGE)
                    : profile == Profile.QUICK ? List.of(SPLIT, PIPELINE)
                    : List.of(ONE_POOL, VIRTUAL, SPLIT, SPLIT_PROCESS, PIPELINE, IO_STAGE)) {
                items.add(mixed(variant, c, variant.usesWorkerProcesses() ? workerCounts(List.of(usableCores)).get(0)
                        : usableCores, tasks, latency));
            }
        }
        if (profile != Profile.QUICK) {
            items.add(mixed(CPU_STAGE, usableCores, usableCores, tasks, latency));
        }
    }

    private static PlanItem mixed(Variant variant, int concurrency, int workers, int tasks, int latency) {
        return new PlanItem(Family.MIXED, variant, RunParams.mixed(concurrency, workers, tasks, latency, null));
    }

    /**
     * The resilience family against K = {@link #RATE_LIMIT}: the serial baseline once; every policy
     * on the rate-limited endpoint over C below, at and past K; retry against no retry on the flaky
     * endpoint at C = K. Its {@code virtual} rows are a sustained stream (C in flight throughout, see
     * VirtualStreamModel), so an operation is only a unit of counting: the next 20 min(C, K) tasks
     * to end, one second of the server's capacity at 50 ms whatever C is. Why that long: with a
     * fixed latency the responses come in waves, min(C, K) every 50 ms, and an operation's end
     * falls anywhere within a wave: +-1 wave in 20 is +-5% per sample (+-25% with 4 waves).
     */
    private void resilience(List<PlanItem> items, int latency) {
        items.add(resilience(SERIAL, 1, overrides.ints(TASKS, List.of(profile.serialTasks)).get(0),
                latency, Endpoint.LIMITED, RetryPolicy.NO_RETRY));
        // quick: at K and 10 K; below K (where no 429 can occur) and at 2 K only in full
        List<Integer> sweep = overrides.ints(CONCURRENCY, profile == Profile.SMOKE ? List.of(2 * RATE_LIMIT)
                : profile == Profile.QUICK ? List.of(10 * RATE_LIMIT)
                : List.of(RATE_LIMIT, 10 * RATE_LIMIT));
        for (RetryPolicy policy : profile == Profile.SMOKE ? List.of(RetryPolicy.NO_RETRY, RetryPolicy.ADAPTIVE)
                : profile == Profile.QUICK ? List.of(RetryPolicy.NO_RETRY, RetryPolicy.RETRY)
                : List.of(RetryPolicy.values())) {
            for (int c : sweep) {
                // Below K no request meets a 429, so every policy does what no-retry does: the plan runs that once
                // (full: at K too, where a 429 is rare; -p concurrency= puts the others back).
                boolean sameAsNoRetry = (c < RATE_LIMIT || c == RATE_LIMIT && profile == Profile.FULL)
                        && policy != RetryPolicy.NO_RETRY;
                // A cold start against warm only where the limit has something to learn (past K), and only
                // when -p concurrency= asks (full's 150 minutes hold the warm one).
                boolean coldNotNeeded = policy == RetryPolicy.ADAPTIVE_COLD
                        && (c <= RATE_LIMIT || !overrides.has(CONCURRENCY));
                if (!(sameAsNoRetry && !overrides.has(CONCURRENCY)) && !coldNotNeeded) {
                    items.add(resilience(VIRTUAL, c, resilienceTasks(c), latency, Endpoint.LIMITED, policy));
                }
            }
        }
        if (profile != Profile.QUICK) {
            for (RetryPolicy policy : profile == Profile.SMOKE ? List.of(RetryPolicy.RETRY)
                    : List.of(RetryPolicy.NO_RETRY, RetryPolicy.RETRY)) {
                items.add(resilience(VIRTUAL, RATE_LIMIT, resilienceTasks(RATE_LIMIT), latency, Endpoint.FLAKY,
                        policy));
            }
        }
    }

    /** Tasks per operation of a resilience stream: one second of the server's capacity at 50 ms. */
    int resilienceTasks(int concurrency) {
        return overrides.ints(TASKS, List.of(20 * Math.min(concurrency, RATE_LIMIT))).get(0);
    }

    static PlanItem resilience(Variant variant, int concurrency, int tasks, int latency, Endpoint endpoint,
                                       RetryPolicy policy) {
        return new PlanItem(Family.RESILIENCE, variant,
                RunParams.resilience(concurrency, tasks, latency, endpoint, policy, RATE_LIMIT));
    }

    static PlanItem io(Variant variant, int concurrency, int workers, int tasks, int latency) {
        return new PlanItem(Family.IO, variant, RunParams.io(concurrency, workers, tasks, latency));
    }

    static PlanItem cpu(Variant variant, int concurrency, int workers, int tasks, String workload) {
        return new PlanItem(Family.CPU, variant, RunParams.cpu(concurrency, workers, tasks, workload));
    }

    int tasks(int concurrency) {
        return overrides.ints(TASKS, List.of(profile.tasksFor(concurrency))).get(0);
    }
}
