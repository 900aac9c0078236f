package dev.tenfold.cli;

import dev.tenfold.vocabulary.Family;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a plan needs in memory on this machine, and the heap each measured JVM gets. Within a row the
 * fork and its worker JVMs get one heap (MeasuredJvm: threads against worker JVMs compare models, not
 * heaps): 4 GiB where the machine holds that many, else the planned share of physical memory split
 * over the row's JVMs. The bound is a worst case (every JVM grown to its heap): G1 grew a C=5000 fork
 * to 4.2 GiB of PSS and a two-worker pipe hand-off to 2.9 GiB, while an I/O worker JVM stayed near
 * 74 MiB. Default worker counts are capped so that each JVM keeps at least {@link #MIN_HEAP_MB}; a plan
 * that still cannot fit (workers asked for with {@code -p workers=}) is refused.
 *
 * @param smallestHeapMb the -Xmx of the row with the most JVMs ({@code biggest})
 * @param peakMb         the most any row can hold: its JVMs at their heap, the backend, Python processes
 */
record MemoryPlan(long physicalMb, PlanItem biggest, int smallestHeapMb, long peakMb) {
    static final int MAX_HEAP_MB = 4096;
    /** Below this, the allocation-heavy tasks (downscale, matmul, the hand-off) would measure the collector. */
    static final int MIN_HEAP_MB = 256;
    /** Beyond the heap: metaspace, code cache, thread stacks, GC structures. */
    static final int JVM_OVERHEAD_MB = 128;
    /** The backend JVM: its -Xmx2g and its overhead (Backend). */
    static final int BACKEND_MB = 2048 + JVM_OVERHEAD_MB;
    /** One Python interpreter of the recipe (a worker of its process pool, or the recipe itself). */
    static final int PYTHON_PROCESS_MB = 64;
    /** What a run may plan for: the OS, the page cache and the user's desktop keep the rest. */
    static final double PLANNED_SHARE = 0.75;

    /** The most workers one row starts by default on a machine of {@code physicalMb}, each JVM at the smallest heap. */
    static int mostWorkers(long physicalMb) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                (budget(physicalMb) - BACKEND_MB) / (MIN_HEAP_MB + JVM_OVERHEAD_MB) - 1));
    }

    /** The -Xmx, in MiB, of the fork and of each worker JVM of {@code item}. */
    static int heapMb(PlanItem item, long physicalMb) {
        return (int) Math.max(0, Math.min(MAX_HEAP_MB, (budget(physicalMb) - besideTheJvms(item)) / jvms(item) -
                JVM_OVERHEAD_MB));
    }

    static MemoryPlan of(List<PlanItem> plan, long physicalMb) {
        PlanItem biggest = plan.stream().max(Comparator.comparingInt(MemoryPlan::jvms)).orElseThrow();
        long peak = plan.stream().mapToLong(item -> peakMb(item, physicalMb)).max().orElseThrow();
        return new MemoryPlan(physicalMb, biggest, heapMb(biggest, physicalMb), peak);
    }

    boolean fits() {
        return smallestHeapMb >= MIN_HEAP_MB;
    }

    /** The dry run's line. */
    String describe() {
        return String.format(Locale.ROOT, "peak memory: up to %.1f GiB of %.1f GiB (every JVM at its heap: -Xmx%dm"
                        + " where the plan runs most JVMs at once, %d, up to %dm elsewhere; the backend's 2 GiB)",
                peakMb / 1024.0, physicalMb / 1024.0, smallestHeapMb, jvms(biggest), MAX_HEAP_MB);
    }

    /** The one line a plan that cannot fit gets. */
    String refusal() {
        return
                String.format(Locale.ROOT,
                "the plan does not fit in %.1f GiB: %s runs %d JVMs, each needs at least %d MiB of heap"
                        + " (at most %d workers here: -p workers=, or leave the row out with --include)",
                physicalMb / 1024.0, biggest.describe(), jvms(biggest), MIN_HEAP_MB, mostWorkers(physicalMb));
    }

    private static long budget(long physicalMb) {
        return (long) (physicalMb * PLANNED_SHARE);
    }

    /** The measured JVMs of a row: the fork, and its worker JVMs. */
    static int jvms(PlanItem item) {
        return 1 + (item.variant().usesWorkerProcesses() && !item.python() ? workers(item) : 0);
    }

    private static long peakMb(PlanItem item, long physicalMb) {
        return jvms(item) * (long) (heapMb(item, physicalMb) + JVM_OVERHEAD_MB) + besideTheJvms(item);
    }

    /** What a row holds besides its measured JVMs: the backend (not for CPU work), the recipe's Python processes. */
    private static long besideTheJvms(PlanItem item) {
        long python = item.python() ? (1 + (item.variant().usesWorkerProcesses() ? workers(item) : 0)) * (long)
                PYTHON_PROCESS_MB : 0;
        return python + (item.family() == Family.CPU ? 0 : BACKEND_MB);
    }

    private static int workers(PlanItem item) {
        return item.workers();
    }
}
