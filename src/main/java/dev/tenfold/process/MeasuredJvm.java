package dev.tenfold.process;

import java.util.List;

/**
 * The heap and collector of every JVM that runs measured tasks: the JMH fork and each worker JVM
 * of a process pool get the same flags, so threads against worker JVMs on allocation-heavy work
 * (downscale, matmul, the hand-off) compare models, not heap settings. G1 is named because the
 * JVM's ergonomics would pick Serial GC on one usable core (a {@code taskset -c 0} run); the heap
 * starts small, since W workers share the machine with the fork.
 */
public final class MeasuredJvm {
    public static final String INITIAL_HEAP = "-Xms64m";
    public static final String MAX_HEAP = "-Xmx4g";
    public static final String COLLECTOR = "-XX:+UseG1GC";

    /**
     * The flags of a measured JVM with at most {@code maxHeapMb} of heap (the run sizes it to the machine:
     * cli.MemoryPlan).
     */
    public static List<String> heapAndGc(int maxHeapMb) {
        return List.of(INITIAL_HEAP, "-Xmx" + maxHeapMb + "m", COLLECTOR);
    }

    /**
     * This JVM's heap and collector, for the worker JVMs it starts: its own last -Xmx (as the run sized it), else
     * {@link #MAX_HEAP}.
     */
    public static List<String> asThisJvm() {
        String maxHeap = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-Xmx")).reduce((first, last) -> last).orElse(MAX_HEAP);
        return List.of(INITIAL_HEAP, maxHeap, COLLECTOR);
    }

    private MeasuredJvm() {
    }
}
