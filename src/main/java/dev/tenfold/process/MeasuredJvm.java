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
    public static final List<String> HEAP_AND_GC = List.of(INITIAL_HEAP, MAX_HEAP, COLLECTOR);

    private MeasuredJvm() {
    }
}
