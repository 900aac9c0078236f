package dev.tenfold.workload;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a worker JVM of the process model rebuilds a task from: its kind and its arguments, sent
 * as one line ({@link #line()}, read back by {@link #parse}). Each task class that can run in a
 * worker JVM encodes its spec ({@link Task#workerSpec()}) and decodes it ({@code fromSpec}) side
 * by side; the catalog maps each kind to its decoder.
 */
public record TaskSpec(String kind, List<String> args) {
    private static final String SEPARATOR = "|";

    /**
     * The kind of a Task class on the worker's class path, built with its {@code (String...)}
     * constructor from the remaining arguments: how a workload outside the catalog (the tests'
     * scripted tasks) reaches worker JVMs.
     */
    public static final String CLASS_KIND = "class";

    public TaskSpec {
        if (kind.contains(SEPARATOR) || args.stream().anyMatch(arg -> arg.contains(SEPARATOR))) {
            throw new IllegalArgumentException(
                    "a task spec's parts cannot hold '" + SEPARATOR + "': " + kind + " " + args);
        }
        args = List.copyOf(args);
    }

    public static TaskSpec of(String kind, String... args) {
        return new TaskSpec(kind, Arrays.asList(args));
    }

    /** The spec of a {@link #CLASS_KIND} task: the class, then its constructor's arguments. */
    public static TaskSpec ofClass(Class<? extends Task> type, String... args) {
        return new TaskSpec(CLASS_KIND, Stream.concat(Stream.of(type.getName()), Arrays.stream(args)).toList());
    }

    /** The line a worker JVM is sent. */
    public String line() {
        return Stream.concat(Stream.of(kind), args.stream()).reduce((a, b) -> a + SEPARATOR + b).orElseThrow();
    }

    /** The spec a {@link #line()} encodes. */
    public static TaskSpec parse(String line) {
        String[] parts = line.split("\\" + SEPARATOR, -1);
        return new TaskSpec(parts[0], Arrays.asList(parts).subList(1, parts.length));
    }

    /** Argument {@code i}; one that a spec of this kind must have. */
    public String arg(int i) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("task spec " + line() + " has no argument " + i);
        }
        return args.get(i);
    }

    public int intArg(int i) {
        return Integer.parseInt(arg(i));
    }

    @Override
    public String toString() {
        return line();
    }
}
