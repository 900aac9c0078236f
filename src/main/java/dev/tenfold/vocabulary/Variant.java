package dev.tenfold.vocabulary;

import java.util.Locale;

/**
 * The CSV's {@code variant} column: how the tasks run. Its name is the column's value, e.g.
 * {@code one-pool}; the JMH method that runs it is the same name in camel case ({@code onePool}).
 */
public enum Variant {
    /** One task after another, on one thread. */
    SERIAL(Runs.ONE),
    /** A fixed pool of C platform threads. */
    PLATFORM(Runs.CONCURRENCY),
    /** A virtual thread per task, at most C in flight. */
    VIRTUAL(Runs.CONCURRENCY),
    /** {@code HttpClient.sendAsync} with a window of C: the asyncio analogue. */
    ASYNC(Runs.CONCURRENCY),
    /** A fork-join pool of W threads. */
    FORKJOIN(Runs.WORKERS),
    /** W worker processes fed over pipes: the ProcessPoolExecutor analogue. */
    PROCESS(Runs.WORKER_PROCESSES),
    /** Mixed: both stages of each task on one pool of C threads. */
    ONE_POOL(Runs.CONCURRENCY),
    /** Mixed: download everything (C in flight), then process it on W threads: the article's advice. */
    SPLIT(Runs.CONCURRENCY),
    /** Mixed: as split, with the processing in W worker processes. */
    SPLIT_PROCESS(Runs.CONCURRENCY),
    /** Mixed: an I/O stage of C and a CPU stage of W joined by a bounded queue. */
    PIPELINE(Runs.CONCURRENCY),
    /** Mixed: the download stage alone (part of the task: no speedup, a bound for the others). */
    IO_STAGE(Runs.CONCURRENCY),
    /** Mixed: the thumbnail stage alone on W threads (part of the task, as io-stage). */
    CPU_STAGE(Runs.WORKERS),
    /** Python: asyncio.gather under a semaphore of C. */
    ASYNCIO(Runs.CONCURRENCY),
    /** Python: a ThreadPoolExecutor of C threads, under one GIL. */
    THREADS(Runs.CONCURRENCY);

    /** What sets how many tasks run at once. */
    private enum Runs { ONE, CONCURRENCY, WORKERS, WORKER_PROCESSES }

    private final Runs runs;

    Variant(Runs runs) {
        this.runs = runs;
    }

    public static Variant of(String name) {
        return CsvNames.of(Variant.class, name, "variant");
    }

    /** The variant of a JMH method name, e.g. {@code onePool} (the inverse of {@link #benchmarkMethod}). */
    public static Variant ofBenchmarkMethod(String method) {
        return of(method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
    }

    /** The JMH method that runs it, e.g. {@code onePool}. */
    public String benchmarkMethod() {
        String[] parts = toString().split("-");
        StringBuilder method = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            method.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return method.toString();
    }

    /** Threads (or processes) that can run its tasks at once. */
    public int threadsInUse(Integer concurrency, Integer workers) {
        if (runs == Runs.ONE) {
            return 1;
        }
        if ((runs == Runs.WORKERS || runs == Runs.WORKER_PROCESSES) && workers != null) {
            return workers;
        }
        return concurrency != null ? concurrency : workers != null ? workers : 1;
    }

    /** The CSV's {@code workers} column applies: the variant has a pool of W threads or processes. */
    public boolean hasWorkers() {
        return runs == Runs.WORKERS || runs == Runs.WORKER_PROCESSES || this == SPLIT || this == SPLIT_PROCESS
                || this == PIPELINE;
    }

    /** Its tasks run in other processes than the measured one (worker JVMs or interpreters). */
    public boolean usesWorkerProcesses() {
        return runs == Runs.WORKER_PROCESSES || this == SPLIT_PROCESS;
    }

    /** One stage of the mixed task alone: part of the task, so no speedup over the whole task's serial run. */
    public boolean stageAlone() {
        return this == IO_STAGE || this == CPU_STAGE;
    }

    /** The family whose bounds apply: the CPU stage alone is CPU work, whatever its family. */
    public Family boundsFamily(Family family) {
        return this == CPU_STAGE ? Family.CPU : family;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
