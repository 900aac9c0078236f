package dev.tenfold.cli;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.util.List;

/**
 * How long a plan takes on this machine, roughly, for {@code --dry-run}, the progress line's ETA
 * and the planner's tests: per item, its forks x (a JVM's start, the warm-up, the idle windows,
 * JMH's iterations), with the profile's settings or the JMH options passed through after {@code --}.
 */
final class TimeEstimate {
    private final Profile profile;
    private final JmhPassThrough jmh;
    private final int usableCores;

    TimeEstimate(Profile profile, JmhPassThrough jmh, int usableCores) {
        this.profile = profile;
        this.jmh = jmh;
        this.usableCores = usableCores;
    }

    /**
     * Rough seconds of a plan item: JVM start and set-up, the warm-up (until the
     * JIT is done, within the cap), the idle windows, JMH's iterations (forks and iterations as passed
     * through, else the profile's), each at least one whole batch: a batch of N requests of latency
     * L with C in flight takes N L / C.
     */
    double seconds(PlanItem item) {
        int forks = jmh.forks(profile.forks);
        double batch = item.minimumBatchSeconds();
        double warmup = jmh.warmupIterations(profile.warmupIterations) *
                Math.max(batch, jmh.warmupSeconds(profile.warmupMillis));
        // as RunCommand runs it: the item's samples (else the profile's), unless -i after -- says otherwise
        int samples = jmh.measurementIterations(item.samples() > 0 ? item.samples() : profile.measurementIterations);
        double measured = samples * (Math.max(batch, jmh.measurementSeconds(profile.measurementMillis))
                + SAMPLE_EDGES_SECONDS);
        // The set-up warm-up: the twin's calls, then the task itself, until the JIT is done (or the cap).
        // On few cores the JIT's own threads set its length; what these come from: docs/measurement.md, "Time".
        double settle = toTheCap(item) ? profile.warmupCapSeconds
                : Math.min(profile.warmupCapSeconds, Math.max(3 * batch + 10, jitSeconds(item)));
        // a stream (resilience's virtual, the open loop) also runs a second unmeasured before JMH's iterations
        double streamSettle = item.openLoop() || (item.family() == Family.RESILIENCE
                && item.variant() == Variant.VIRTUAL) ? 1 : 0;
        return Math.max(1, forks) * (FORK_START_SECONDS + settle + 2 * profile.backgroundMillis() / 1000.0
                + streamSettle
                + warmup + measured + item.backlogSeconds(streamSettle + warmup + measured));
    }

    /** A sample's edges: the readings, the wait for a quiet JIT (50-500 ms), JMH's hand-over (docs/measurement.md). */
    private static final double SAMPLE_EDGES_SECONDS = 0.3;
    /** A fork's start, set-up and tear-down outside its warm-up and windows (docs/measurement.md, "Time"). */
    private static final double FORK_START_SECONDS = 3;
    /** Up to this many cores, the JIT of a fork takes about the seconds below (measured on 2 cores). */
    private static final int FEW_CORES = 4;
    /** CPU tasks 16-35 s, I/O at C <= 100 18-27 s, Python's recipe 24-32 s, the open loop's models 13-25 s. */
    private static final double FEW_CORES_JIT_SECONDS = 25;
    /** Java's serial HTTP path (43-57 s), I/O at C >= 1000 (43-60 s), resilience's streams (34-61 s). */
    private static final double FEW_CORES_LONG_JIT_SECONDS = 50;

    private double jitSeconds(PlanItem item) {
        if (usableCores > FEW_CORES) {
            return 0;
        }
        boolean longJit = !item.python() && (item.family() == Family.IO
                && (item.variant() == Variant.SERIAL && !item.openLoop() || item.concurrency() >= 1000)
                || item.family() == Family.RESILIENCE);
        return longJit ? FEW_CORES_LONG_JIT_SECONDS : FEW_CORES_JIT_SECONDS;
    }

    /**
     * Rows whose warm-up runs to the cap: pools of 4+ worker JVMs (each warms its own JIT); HTTP in
     * worker JVMs, and resilience's serial row, whose share of the task's calls per JVM takes minutes
     * at one request per 50 ms; on few cores, the mixed rows that download and thumbnail in one JVM
     * (the image code's JIT still compiles 5-15% of the time after a minute).
     */
    private boolean toTheCap(PlanItem item) {
        if (item.python()) {
            return false;
        }
        boolean workerJvms = item.variant().usesWorkerProcesses();
        boolean bothStagesHere = item.family() == Family.MIXED && !workerJvms
                && item.variant() != Variant.CPU_STAGE && item.variant() != Variant.IO_STAGE;
        return workerJvms && (item.workers() >= 4 || item.family() == Family.IO)
                || item.family() == Family.RESILIENCE && item.variant() == Variant.SERIAL
                || usableCores <= FEW_CORES && bothStagesHere;
    }

    /** Rough seconds of a whole plan, with the backend's warm-up before its first item. */
    double seconds(List<PlanItem> plan) {
        double backendWarmUp = plan.stream().anyMatch(item -> item.family() != Family.CPU) ? BACKEND_WARM_UP_SECONDS
                : 0;
        return backendWarmUp + plan.stream().mapToDouble(this::seconds).sum();
    }

    /** What RunCommand's warm-up of the backend takes, until its rate is steady (at least 4 rounds of 1 s). */
    private static final double BACKEND_WARM_UP_SECONDS = 20;
}
