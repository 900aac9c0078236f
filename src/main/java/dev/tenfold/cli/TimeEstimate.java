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
        double measured = samples * (Math.max(batch, jmh.measurementSeconds(profile.measurementMillis)) + 0.15);
        // The set-up warm-up: the twin's calls, then >= 4 s of the task itself, until the JIT is done.
        // On few cores the JIT's own threads set its length; the whole cap where it cannot end sooner
        // (on 2 cores: I/O at C >= 1000, and pools of 4+ worker JVMs, each warming its own JIT).
        // What these constants come from: docs/measurement.md, "Time".
        double jitSeconds = usableCores <= FEW_CORES ? FEW_CORES_JIT_SECONDS : 0;
        double settle = toTheCap(item) ? profile.warmupCapSeconds
                : Math.min(profile.warmupCapSeconds, Math.max(3 * batch + 10, jitSeconds));
        // a stream (resilience's virtual, the open loop) also runs a second unmeasured before JMH's iterations
        double streamSettle = item.openLoop() || (item.family() == Family.RESILIENCE
                && item.variant() == Variant.VIRTUAL) ? 1 : 0;
        return Math.max(1, forks) * (FORK_START_SECONDS + settle + 2 * profile.backgroundMillis() / 1000.0
                + streamSettle
                + warmup + measured + item.backlogSeconds(streamSettle + warmup + measured));
    }

    /** A fork's start, set-up and tear-down outside its warm-up and windows (docs/measurement.md, "Time"). */
    private static final double FORK_START_SECONDS = 3;
    /** Up to this many cores, the JIT of a fork (an HttpClient's path) takes about the next constant. */
    private static final int FEW_CORES = 4;
    private static final double FEW_CORES_JIT_SECONDS = 16;

    private static boolean toTheCap(PlanItem item) {
        return !item.python() && ((item.family() == Family.IO && item.concurrency() >= 1000)
                || (item.variant().usesWorkerProcesses() && item.workers() >= 4));
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
