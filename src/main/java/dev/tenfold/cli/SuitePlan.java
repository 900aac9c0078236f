package dev.tenfold.cli;

import static dev.tenfold.cli.RunParams.CONCURRENCY;
import static dev.tenfold.cli.RunParams.LATENCY_MS;
import static dev.tenfold.cli.RunParams.RATE;
import static dev.tenfold.cli.RunParams.SLO_MS;
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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which benchmarks run with which parameters, for a profile. Each family lists its variants and
 * sweeps here; {@code -p name=v1,v2} replaces a sweep and {@code --include} filters by
 * {@code family/variant}.
 */
final class SuitePlan {
    /** Parameters a user may set with -p; any other name is a usage error. */
    static final Set<String> PARAMETERS = Set.copyOf(RunParams.SETTABLE);
    /** The CPU family's workloads (CpuBenchmark's {@code workload} parameter). */
    static final List<String> CPU_WORKLOADS = List.copyOf(Workloads.CPU.keySet());
    /** What -p workload= accepts: the CPU workloads and the hand-off ones. */
    private static final List<String> KNOWN_WORKLOADS = java.util.stream.Stream.concat(
            Workloads.CPU.keySet().stream(), Workloads.HANDOFF.keySet().stream()).toList();

    /** K of the rate-limited endpoint: requests it lets in flight before it answers 429. */
    static final int RATE_LIMIT = 50;

    private final Profile profile;
    private final Map<String, List<String>> overrides;
    private final int usableCores;
    /** The most worker JVMs a row starts by default, as the memory allows (MemoryPlan). */
    private final int workerJvms;

    /** A plan for a machine with memory to spare (tests of everything but the memory). */
    SuitePlan(Profile profile, Map<String, List<String>> overrides, int usableCores) {
        this(profile, overrides, usableCores, Long.MAX_VALUE / 2);
    }

    SuitePlan(Profile profile, Map<String, List<String>> overrides, int usableCores, long physicalMb) {
        for (String name : overrides.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new UsageException("unknown parameter -p " + name + " (known: "
                        + String.join(", ", RunParams.SETTABLE) + ")");
            }
            for (String value : overrides.get(name)) {
                if (name.equals(WORKLOAD)) {
                    if (!KNOWN_WORKLOADS.contains(value)) {
                        throw new UsageException("unknown workload -p workload=" + value + " (known: "
                                + String.join(", ", KNOWN_WORKLOADS) + ")");
                    }
                } else if (!value.matches("[1-9][0-9]{0,6}")) {
                    throw new UsageException("bad value -p " + name + "=" + value + " (a positive whole number)");
                }
            }
        }
        this.profile = profile;
        this.overrides = overrides;
        this.usableCores = usableCores;
        this.workerJvms = MemoryPlan.mostWorkers(physicalMb);
    }

    /**
     * Worker counts (JVMs, or the recipe's Python processes) as the memory allows: each capped at {@link #workerJvms},
     * duplicates dropped.
     */
    private List<Integer> workerCounts(List<Integer> counts) {
        return List.copyOf(new LinkedHashSet<>(counts.stream().map(n -> Math.min(n, workerJvms)).toList()));
    }

    List<PlanItem> items(Pattern include) {
        List<PlanItem> items = new ArrayList<>();
        if (profile == Profile.ARTICLE) {
            article(items);
            return items.stream().filter(item -> include.matcher(item.id()).find()).toList();
        }
        if (profile == Profile.LATENCY) {
            ints(LATENCY_MS, List.of(DEFAULT_LATENCY_MS)).forEach(latency -> openLoop(items, latency));
            return items.stream().filter(item -> include.matcher(item.id()).find()).toList();
        }
        for (int latency : ints(LATENCY_MS, List.of(DEFAULT_LATENCY_MS))) {
            io(items, latency);
        }
        // quick: downscale (an allocation-heavy kernel like matmul, at the same bound) and the short
        // SHA-256 chain (Python's GIL-bound case; in Java the same bound as sha256) only in full
        List<String> cpuWorkloads = profile == Profile.FULL ? CPU_WORKLOADS : List.of("sha256");
        for (String workload : values(WORKLOAD, cpuWorkloads)) {
            if (Workloads.HANDOFF.containsKey(workload)) {
                handoff(items, workload);
            } else {
                cpu(items, workload);
            }
        }
        if (profile == Profile.FULL && !overrides.containsKey(WORKLOAD)) {
            Workloads.HANDOFF.keySet().forEach(workload -> handoff(items, workload));
        }
        for (int latency : ints(LATENCY_MS, List.of(DEFAULT_LATENCY_MS))) {
            mixed(items, latency);
            if (profile != Profile.QUICK) { // quick's 10 minutes hold 3 forks of the other families' claims
                resilience(items, latency);
            }
        }
        if (profile != Profile.QUICK) { // quick has no minute left for them; smoke proves they run
            python(items, ints(LATENCY_MS, List.of(DEFAULT_LATENCY_MS)).get(0));
            openLoop(items, ints(LATENCY_MS, List.of(DEFAULT_LATENCY_MS)).get(0));
        }
        return items.stream().filter(item -> include.matcher(item.id()).find()).toList();
    }

    /** The backend's delay per response unless {@code -p latencyMs=} says otherwise. */
    static final int DEFAULT_LATENCY_MS = 50;

    /** The article's headline case: 120 requests, each answered after 1 s. */
    static final int ARTICLE_REQUESTS = 120;
    static final int ARTICLE_LATENCY_MS = 1000;

    /**
     * The blog post's own cases, as it states them: 120 requests of 1 s one after the other (about
     * two minutes: one sample, by nature) against 10 in flight with each I/O model ("12 seconds");
     * its CPU advice, cpu_count()-1 worker JVMs against cpu_count() (and threads at all cores), on SHA-256 chains; its
     * backoff
     * (0.1 x 2^attempt s) against no retry on the rate-limited endpoint at 10 K in flight.
     */
    private void article(List<PlanItem> items) {
        int requests = ARTICLE_REQUESTS;
        int latency = ARTICLE_LATENCY_MS;
        items.add(io(SERIAL, 1, 1, requests, latency).withSamples(1));
        for (Variant variant : List.of(PLATFORM, VIRTUAL, ASYNC)) {
            items.add(io(variant, 10, 1, requests, latency).withSamples(3)); // 12 s each
        }
        int tasks = 8 * usableCores;
        List<Integer> counts = List.copyOf(new LinkedHashSet<>(List.of(usableCores, Math.max(1, usableCores - 1))));
        items.add(cpu(SERIAL, 1, 1, tasks, "sha256"));
        items.add(cpu(PLATFORM, usableCores, 1, tasks, "sha256"));
        for (int n : workerCounts(counts)) {
            items.add(cpu(PROCESS, n, n, tasks, "sha256")); // the post's advice is about processes
        }
        // The Java side of the Python rows' GIL-bound chain
        items.add(cpu(SERIAL, 1, 1, tasks, "sha256-small"));
        items.add(cpu(PLATFORM, usableCores, 1, tasks, "sha256-small"));
        items.add(resilience(SERIAL, 1, 10, DEFAULT_LATENCY_MS, Endpoint.LIMITED, RetryPolicy.NO_RETRY));
        for (RetryPolicy policy : List.of(RetryPolicy.NO_RETRY, RetryPolicy.RETRY)) {
            items.add(resilience(VIRTUAL, 10 * RATE_LIMIT, resilienceTasks(10 * RATE_LIMIT), DEFAULT_LATENCY_MS,
                    Endpoint.LIMITED, policy));
        }
        python(items, latency);
    }

    /**
     * The SHA-256 chains the Python recipe runs: over 64 KiB (hashlib lets go of the GIL) and over
     * 256 bytes (it keeps it).
     */
    static final List<String> PYTHON_CPU_WORKLOADS = List.of("sha256", "sha256-small");

    /** The article's I/O case in Python: 30 requests per batch at C=10 (3 s), 3 one after the other, 3 samples each. */
    static final int ARTICLE_PYTHON_REQUESTS = 30;

    /**
     * The post's recipe in its own language (PythonIoBenchmark, PythonCpuBenchmark), beside the
     * Java rows it answers: requests one after the other, with asyncio and threads at each C and a
     * ProcessPoolExecutor of 10; both SHA-256 chains one after the other, on threads at all cores,
     * and on processes at all cores (and, on the long chain, at cores-1: the post's
     * cpu_count()-1); smoke, the long chain only. The article's requests take a second each.
     */
    private void python(List<PlanItem> items, int latency) {
        boolean article = profile == Profile.ARTICLE;
        List<Integer> sweep = article || profile == Profile.SMOKE ? List.of(10) : ints(CONCURRENCY, List.of(10, 100));
        int samples = article ? 3 : 0;
        int batch = ARTICLE_PYTHON_REQUESTS;
        items.add(io(SERIAL, 1, 1, article ? ARTICLE_PYTHON_REQUESTS / 10 : profile.serialTasks, latency)
                .inPython().withSamples(samples));
        for (Variant variant : List.of(ASYNCIO, THREADS)) {
            for (int c : sweep) {
                items.add(io(variant, c, 1, article ? batch : tasks(c), latency).inPython().withSamples(samples));
            }
        }
        int w = 10;
        items.add(io(PROCESS, w, w, article ? batch : tasks(w), latency).inPython().withSamples(samples));
        int tasks = (profile == Profile.SMOKE ? 4 : 8) * usableCores;
        for (String workload : profile == Profile.SMOKE ? List.of("sha256") : PYTHON_CPU_WORKLOADS) {
            items.add(cpu(SERIAL, 1, 1, tasks, workload).inPython());
            items.add(cpu(THREADS, usableCores, 1, tasks, workload).inPython());
            // cpu_count()-1 on the first workload: the advice is about the pool, not the task
            List<Integer> counts = profile == Profile.SMOKE || !workload.equals(PYTHON_CPU_WORKLOADS.get(0))
                    ? List.of(usableCores)
                    : List.copyOf(new LinkedHashSet<>(List.of(usableCores, Math.max(1, usableCores - 1))));
            for (int n : workerCounts(counts)) {
                items.add(cpu(PROCESS, n, n, tasks, workload).inPython());
            }
        }
    }

    /**
     * The open loop (OpenLoopBenchmark): per model, offered rates from below its capacity C / L to
     * past it, so the knee shows: a platform pool of 10 and the async window of 10 at half, 0.9
     * and 1.5 times C / L (the same window: the same knee, or not; at 0.95 a task 3% slower than L,
     * the client's own cost or a cold backend, already overloads it); a virtual thread per arrival
     * with 10 slots at half C / L (the third window of 10), and with 1000 (far above rate x L) at
     * half C / L, where on a small machine the CPU, not C, sets the knee. Full adds serial, one
     * server with its queue, at 1.5 times its capacity 1 / L (the pool's lesson at C = 1), the
     * virtual thread per arrival at 0.1 of C / L, and 4 worker JVMs at half and 1.5 times W / L
     * (the latency profile has no minute left for them). Smoke: the pool at half its capacity. An
     * operation is a tenth of a second of arrivals (at least 10 tasks).
     */
    private void openLoop(List<PlanItem> items, int latency) {
        double perSecond = 1000.0 / latency; // 1 / L: one in flight's capacity
        record Sweep(Variant variant, int concurrency, double... timesCapacity) {
        }
        List<Sweep> sweeps = new ArrayList<>(profile == Profile.SMOKE ? List.of(new Sweep(PLATFORM, 10, 0.5))
                : List.of(new Sweep(PLATFORM, 10, 0.5, 0.9, 1.5), new Sweep(ASYNC, 10, 0.5, 0.9, 1.5),
                        new Sweep(VIRTUAL, 10, 0.5), new Sweep(VIRTUAL, 1000, 0.5)));
        if (profile == Profile.FULL) {
            sweeps.add(0, new Sweep(SERIAL, 1, 1.5));
            sweeps.add(new Sweep(VIRTUAL, 1000, 0.1));
            sweeps.add(new Sweep(PROCESS, 4, 0.5, 1.5));
        }
        for (Sweep sweep : sweeps) {
            List<Integer> rates = new ArrayList<>();
            for (double times : sweep.timesCapacity()) {
                rates.add((int) Math.round(times * sweep.concurrency() * perSecond));
            }
            for (int rate : ints(RATE, rates)) {
                int c = sweep.concurrency();
                Integer slo = ints(SLO_MS, List.of()).stream().findFirst().orElse(null);
                int workers = sweep.variant().usesWorkerProcesses() ? c : 1; // a worker JVM holds one request
                PlanItem item = new PlanItem(Family.IO, sweep.variant(),
                        RunParams.openLoop(c, workers, Math.max(10, rate / 10), latency, rate, slo));
                // smoke: 3 windows, not 1, so that one or two tasks ending on either side of a window's
                // edge move the achieved rate by under 2%
                items.add(profile == Profile.SMOKE ? item.withSamples(3) : item);
            }
        }
    }

    /** The I/O family: serial once, each concurrent model over the C sweep, the process pool over W. */
    private void io(List<PlanItem> items, int latency) {
        items.add(io(SERIAL, 1, 1, ints(TASKS, List.of(profile.serialTasks)).get(0), latency));
        List<Integer> sweep = ints(CONCURRENCY, profile.concurrencySweep);
        for (Variant variant : List.of(PLATFORM, VIRTUAL, ASYNC)) {
            for (int c : sweep) {
                // quick: C=10, the article's case (the models do not part before C=1000)
                if (profile != Profile.QUICK || c <= 10 || overrides.containsKey(CONCURRENCY)) {
                    items.add(io(variant, c, 1, tasks(c), latency));
                }
            }
        }
        // The article's advice, cpu_count()-1 workers, and (full) one worker per request in flight (capped
        // at 16 JVMs). Smoke: ten workers only (one worker at C=1 would spend its whole iteration on one
        // serial batch; 16 JVMs cost smoke ~10 s of start-up).
        List<Integer> processWorkers = new ArrayList<>();
        if (overrides.containsKey(WORKERS)) {
            processWorkers.addAll(ints(WORKERS, List.of()));
        } else if (profile == Profile.SMOKE) {
            processWorkers.add(Math.min(sweep.get(sweep.size() - 1), 10));
        } else if (profile == Profile.FULL) {
            processWorkers.add(Math.max(1, usableCores - 1));
            sweep.forEach(c -> processWorkers.add(Math.min(c, 16)));
        }
        for (int w : overrides.containsKey(WORKERS) ? processWorkers : workerCounts(processWorkers)) {
            items.add(io(PROCESS, w, w, tasks(w), latency));
        }
    }

    /**
     * The CPU family: serial; platform threads at cores and at cores-1 (the article's advice);
     * more virtual threads than carriers (they still run on one carrier per core); a ForkJoinPool
     * of all cores; worker JVMs at cores and cores-1. Every batch has 8 tasks per core, so the
     * last round of a batch leaves few cores idle. To fit in its 10 minutes, {@code quick} runs
     * every model on the first workload only and serial, threads and worker JVMs at all cores on
     * the others; {@code smoke} runs each model once, at all cores.
     */
    private void cpu(List<PlanItem> items, String workload) {
        int tasks = ints(TASKS, List.of(profile == Profile.SMOKE ? 4 * usableCores : 8 * usableCores)).get(0);
        boolean everyModel = profile != Profile.QUICK;
        List<Integer> counts = everyModel && profile != Profile.SMOKE
                ? List.copyOf(new LinkedHashSet<>(List.of(usableCores, Math.max(1, usableCores - 1))))
                : List.of(usableCores);
        items.add(cpu(SERIAL, 1, 1, tasks, workload));
        for (int threads : ints(CONCURRENCY, counts)) {
            items.add(cpu(PLATFORM, threads, 1, tasks, workload));
        }
        if (everyModel) {
            for (int threads : ints(CONCURRENCY, List.of(4 * usableCores))) {
                items.add(cpu(VIRTUAL, threads, 1, tasks, workload));
            }
            for (int workers : ints(WORKERS, List.of(usableCores))) {
                items.add(cpu(FORKJOIN, workers, workers, tasks, workload));
            }
        }
        if (profile != Profile.QUICK) { // quick: threads only (Java has no GIL); worker JVMs in full
            for (int workers : ints(WORKERS, workerCounts(counts))) {
                items.add(cpu(PROCESS, workers, workers, tasks, workload));
            }
        }
    }

    /**
     * Hand-off of a large input: the work alone (serial) against worker JVMs at every core. quick
     * runs the worker JVMs only: the verdict compares pipe with mapping, and the work alone is the
     * same CRC32C under both names.
     */
    private void handoff(List<PlanItem> items, String workload) {
        int tasks = ints(TASKS, List.of(8 * usableCores)).get(0);
        if (profile != Profile.QUICK) {
            items.add(cpu(SERIAL, 1, 1, tasks, workload));
        }
        for (int workers : ints(WORKERS, workerCounts(List.of(usableCores)))) {
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
        int tasks = ints(TASKS, List.of(profile == Profile.FULL ? ImageSet.COUNT : ImageSet.COUNT / 2)).get(0);
        // serial's short batches stride over the same images as the combinations' (same task mix)
        items.add(new PlanItem(Family.MIXED, SERIAL,
                RunParams.mixed(1, 1, ints(TASKS, List.of(profile.serialTasks)).get(0), latency, tasks)));
        for (int c : ints(CONCURRENCY, profile == Profile.FULL ? List.of(10, 100) : List.of(10))) {
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
        items.add(resilience(SERIAL, 1, ints(TASKS, List.of(profile.serialTasks)).get(0),
                latency, Endpoint.LIMITED, RetryPolicy.NO_RETRY));
        // quick: at K and 10 K; below K (where no 429 can occur) and at 2 K only in full
        List<Integer> sweep = ints(CONCURRENCY, profile == Profile.SMOKE ? List.of(2 * RATE_LIMIT)
                : profile == Profile.QUICK ? List.of(10 * RATE_LIMIT)
                : List.of(RATE_LIMIT / 5, RATE_LIMIT, 2 * RATE_LIMIT, 10 * RATE_LIMIT));
        for (RetryPolicy policy : profile == Profile.SMOKE ? List.of(RetryPolicy.NO_RETRY, RetryPolicy.ADAPTIVE)
                : profile == Profile.QUICK ? List.of(RetryPolicy.NO_RETRY, RetryPolicy.RETRY)
                : List.of(RetryPolicy.values())) {
            for (int c : sweep) {
                // Below K no request meets a 429, so every policy does what no-retry does: quick runs that once.
                boolean sameAsNoRetry = c < RATE_LIMIT && policy != RetryPolicy.NO_RETRY;
                // A cold start against warm only where the limit has something to learn: past K (quick: 10 K).
                boolean coldNotNeeded = policy == RetryPolicy.ADAPTIVE_COLD
                        && (c <= RATE_LIMIT || profile == Profile.QUICK && c < 10 * RATE_LIMIT);
                if (!(sameAsNoRetry && profile == Profile.QUICK && !overrides.containsKey(CONCURRENCY))
                        && !coldNotNeeded) {
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
    private int resilienceTasks(int concurrency) {
        return ints(TASKS, List.of(20 * Math.min(concurrency, RATE_LIMIT))).get(0);
    }

    private static PlanItem resilience(Variant variant, int concurrency, int tasks, int latency, Endpoint endpoint,
                                       RetryPolicy policy) {
        return new PlanItem(Family.RESILIENCE, variant,
                RunParams.resilience(concurrency, tasks, latency, endpoint, policy, RATE_LIMIT));
    }

    private static PlanItem io(Variant variant, int concurrency, int workers, int tasks, int latency) {
        return new PlanItem(Family.IO, variant, RunParams.io(concurrency, workers, tasks, latency));
    }

    private static PlanItem cpu(Variant variant, int concurrency, int workers, int tasks, String workload) {
        return new PlanItem(Family.CPU, variant, RunParams.cpu(concurrency, workers, tasks, workload));
    }

    private int tasks(int concurrency) {
        return ints(TASKS, List.of(profile.tasksFor(concurrency))).get(0);
    }

    private List<String> values(String name, List<String> defaults) {
        return overrides.getOrDefault(name, defaults);
    }

    private List<Integer> ints(String name, List<Integer> defaults) {
        return overrides.containsKey(name) ? overrides.get(name).stream().map(Integer::valueOf).toList() : defaults;
    }
}
