package dev.tenfold.workload;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import dev.tenfold.workload.cpu.DownscaleTask;
import dev.tenfold.workload.http.HttpClients;
import dev.tenfold.workload.http.HttpItemTask;
import dev.tenfold.workload.http.ImageThumbnailTask;
import dev.tenfold.workload.cpu.LargeInputTask;
import dev.tenfold.workload.cpu.MatrixMultiplyTask;
import dev.tenfold.workload.cpu.Sha256ChainTask;

/**
 * Rebuilds a {@link Task} from its {@link Task#spec()} line, which is how a worker JVM of the
 * process model learns what to run. A spec is the task kind and its arguments separated by
 * {@code |}. Adding a workload: its Task class, one case in {@link #fromSpec} and, for a CPU
 * workload, one entry in {@link #CPU}.
 */
public final class Workloads {
    private static final String SEPARATOR = "|";

    private Workloads() {
    }

    public static String spec(String kind, String... args) {
        return kind + SEPARATOR + String.join(SEPARATOR, args);
    }

    /** A task and what must be closed when the JVM is done with it. */
    public record Built(Task task, AutoCloseable resources) {
    }

    /**
     * The CPU workloads at benchmark size, by the name the CSV's {@code workload} column uses; the
     * suite's plan runs every one of them.
     */
    public static final Map<String, Supplier<Task>> CPU;

    static {
        Map<String, Supplier<Task>> cpu = new LinkedHashMap<>();
        cpu.put("sha256", () -> new Sha256ChainTask(64 * 1024, 1000));
        // The same chain over 256-byte records: CPython's hashlib keeps the GIL below 2 KiB, so this
        // is the case where the GIL binds Python's threads (over 64 KiB it lets go).
        cpu.put("sha256-small", () -> new Sha256ChainTask(256, 40_000));
        cpu.put("downscale", () -> new DownscaleTask(2048, 256));
        cpu.put("matmul", () -> new MatrixMultiplyTask(400));
        CPU = Collections.unmodifiableMap(cpu);
    }

    /**
     * Hand-off of a 64 MiB input to worker JVMs, copied through the pipe or shared through a
     * memory-mapped file: only worth running under serial (the work alone) and the process model.
     */
    public static final Map<String, Supplier<Task>> HANDOFF;

    static {
        Map<String, Supplier<Task>> handoff = new LinkedHashMap<>();
        handoff.put("handoff-pipe", () -> LargeInputTask.create("pipe", 64 << 20));
        handoff.put("handoff-mmap", () -> LargeInputTask.create("mmap", 64 << 20));
        HANDOFF = Collections.unmodifiableMap(handoff);
    }

    public static Task cpu(String workload) {
        Supplier<Task> task = CPU.getOrDefault(workload, HANDOFF.get(workload));
        if (task == null) {
            throw new IllegalArgumentException("no CPU workload named " + workload + " ("
                    + String.join(", ", CPU.keySet()) + ", " + String.join(", ", HANDOFF.keySet()) + ")");
        }
        return task.get();
    }

    /**
     * Spec kind for a Task class on the worker's class path, built with its {@code (String...)}
     * constructor from the remaining arguments: how a workload outside this package (the tests'
     * scripted tasks) reaches worker JVMs without a case here.
     */
    public static final String CLASS_KIND = "class";

    /** The spec of a {@link #CLASS_KIND} task. */
    public static String classSpec(Class<? extends Task> type, String... args) {
        return spec(CLASS_KIND, java.util.stream.Stream.concat(java.util.stream.Stream.of(type.getName()),
                Arrays.stream(args)).toArray(String[]::new));
    }

    private static Task instantiate(String[] args) {
        try {
            return (Task) Class.forName(args[0]).getConstructor(String[].class)
                    .newInstance((Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("cannot build task class " + args[0] + ": " + e, e);
        }
    }

    public static Built fromSpec(String spec) {
        String[] parts = spec.split("\\|", -1);
        String[] args = Arrays.copyOfRange(parts, 1, parts.length);
        return switch (parts[0]) {
            case HttpItemTask.KIND -> {
                HttpClients http = HttpClients.create();
                yield new Built(new HttpItemTask(http.client(), args[0], Integer.parseInt(args[1])), http);
            }
            case Sha256ChainTask.KIND -> new Built(new Sha256ChainTask(Integer.parseInt(args[0]), Integer.parseInt(args[1])), () -> { });
            case MatrixMultiplyTask.KIND -> new Built(new MatrixMultiplyTask(Integer.parseInt(args[0])), () -> { });
            case LargeInputTask.KIND -> {
                LargeInputTask task = LargeInputTask.fromSpec(args[0], Integer.parseInt(args[1]), args[2]);
                yield new Built(task, task);
            }
            case ImageThumbnailTask.ImageFiles.KIND -> new Built(new ImageThumbnailTask.ImageFiles(java.nio.file.Path.of(args[0])), () -> { });
            case DownscaleTask.KIND -> new Built(new DownscaleTask(Integer.parseInt(args[0]), Integer.parseInt(args[1])), () -> { });
            case CLASS_KIND -> new Built(instantiate(args), () -> { });
            default -> throw new IllegalArgumentException("unknown task kind in spec: " + spec);
        };
    }
}
