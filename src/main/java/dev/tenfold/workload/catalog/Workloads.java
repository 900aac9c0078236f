package dev.tenfold.workload.catalog;

import dev.tenfold.workload.Task;
import dev.tenfold.workload.TaskSpec;
import dev.tenfold.workload.WorkerTask;
import dev.tenfold.workload.cpu.DownscaleTask;
import dev.tenfold.workload.cpu.LargeInputTask;
import dev.tenfold.workload.cpu.MatrixMultiplyTask;
import dev.tenfold.workload.cpu.Sha256ChainTask;
import dev.tenfold.workload.http.HttpItemTask;
import dev.tenfold.workload.http.ImageThumbnailTask;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The workloads the suite runs, by the names the CSV's {@code workload} column uses, and the
 * decoders a worker JVM of the process model rebuilds a task with from its {@link TaskSpec}. It
 * sits above the task packages, which know nothing of it. Adding a workload: its Task class, and
 * for a CPU workload one entry in {@link #CPU}; if it runs in worker JVMs, its kind in
 * {@link #DECODERS}.
 */
public final class Workloads {
    private Workloads() {
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

    /** Each worker-spec kind and its decoder, which sits beside its encoder in the task's class. */
    private static final Map<String, Function<TaskSpec, WorkerTask>> DECODERS = Map.of(
            HttpItemTask.KIND, HttpItemTask::fromSpec,
            Sha256ChainTask.KIND, Sha256ChainTask::fromSpec,
            MatrixMultiplyTask.KIND, MatrixMultiplyTask::fromSpec,
            DownscaleTask.KIND, DownscaleTask::fromSpec,
            LargeInputTask.KIND, LargeInputTask::fromSpec,
            ImageThumbnailTask.ImageFiles.KIND, ImageThumbnailTask.ImageFiles::fromSpec,
            TaskSpec.CLASS_KIND, Workloads::instantiate);

    /** In a worker JVM: the task its parent's spec describes. */
    public static WorkerTask fromSpec(TaskSpec spec) {
        Function<TaskSpec, WorkerTask> decoder = DECODERS.get(spec.kind());
        if (decoder == null) {
            throw new IllegalArgumentException("unknown task kind in spec: " + spec);
        }
        return decoder.apply(spec);
    }

    private static WorkerTask instantiate(TaskSpec spec) {
        String[] args = spec.args().toArray(String[]::new);
        try {
            return WorkerTask.of((Task) Class.forName(args[0]).getConstructor(String[].class)
                    .newInstance((Object) Arrays.copyOfRange(args, 1, args.length)));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("cannot build task class " + args[0] + ": " + e, e);
        }
    }
}
