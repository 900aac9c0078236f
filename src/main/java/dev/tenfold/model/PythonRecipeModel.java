package dev.tenfold.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenfold.process.ChildProcess;
import dev.tenfold.workload.cpu.CheckedCpuTask;
import dev.tenfold.workload.http.ItemPayload;
import dev.tenfold.workload.cpu.Sha256ChainTask;
import dev.tenfold.workload.Task;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The blog post's recipe in its own language: a CPython process running {@code recipe.py} (in
 * {@code src/main/python}), which runs every batch with the model the post advises (asyncio,
 * threads or a ProcessPoolExecutor) on the same tasks as the Java rows. One process per trial, a
 * child of the fork, so the profiler counts its CPU and memory (and its pool's) as the client's;
 * the fork itself only waits on the pipe.
 *
 * <p>Every result is checked: the recipe checks each response (status 200, the item byte for
 * byte), and this side checks each CPU digest against the Java task's own. A Python side that
 * crashes or hangs costs only its batch: the batch's tasks become errors (a hang after the batch
 * timeout, when the process is killed), and the next batch starts a new process, so a broken
 * recipe shows as a row of errors, never as a stuck run.
 */
public final class PythonRecipeModel implements ExecutionModel {
    private static final String SCRIPT_RESOURCE = "/dev/tenfold/python/recipe.py";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the recipe may take to start its pool (W interpreters) and say it is ready. */
    private static final long READY_SECONDS = 60;

    private final String interpreter;
    private final Map<String, Object> settings;
    private final Duration batchTimeout;
    private ChildProcess python;
    private String pythonVersion;
    /** Numbers the batches: an answer that is not this batch's (a stray line, a late answer) stops the recipe. */
    private long sequence;

    /**
     * Starts the recipe with {@code settings} (see {@link #ioSettings}, {@link #sha256Settings}) on
     * {@code interpreter}; a batch that takes longer than {@code batchTimeout} counts as hung.
     */
    public PythonRecipeModel(String interpreter, Map<String, Object> settings, Duration batchTimeout)
            throws IOException {
        this.interpreter = interpreter;
        this.settings = Map.copyOf(settings);
        this.batchTimeout = batchTimeout;
        this.python = start();
    }

    /** The recipe's settings for the I/O task: {@code GET /io/item/{i}?latencyMs=L} at {@code url}. */
    public static Map<String, Object> ioSettings(String model, int concurrency, int workers, String url,
            int latencyMs) {
        Map<String, Object> s = common("io", model, concurrency, workers);
        s.put("url", url);
        s.put("latency_ms", latencyMs);
        s.put("expected", ItemPayload.BODY);
        return s;
    }

    /** The recipe's settings for the SHA-256 chain: the Java task's own inputs and rounds. */
    public static Map<String, Object> sha256Settings(String model, int concurrency, int workers, Sha256ChainTask task) {
        Map<String, Object> s = common("sha256", model, concurrency, workers);
        s.put("inputs", task.buffers().stream().map(Base64.getEncoder()::encodeToString).toList());
        s.put("rounds", task.rounds());
        return s;
    }

    private static Map<String, Object> common(String workload, String model, int concurrency, int workers) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("workload", workload);
        s.put("model", model);
        s.put("concurrency", concurrency);
        s.put("workers", workers);
        return s;
    }

    private ChildProcess start() throws IOException {
        // -I: no PYTHON* variables, no user site-packages: the standard library, as the recipe says
        ChildProcess started = ChildProcess.start(List.of(interpreter, "-I", "-u", script().toString()));
        try {
            send(started, settings);
            JsonNode ready = JSON.readTree(started.awaitLine(READY_SECONDS, TimeUnit.SECONDS));
            if (!ready.path("ready").asBoolean()) {
                throw new IOException("the Python recipe answered " + ready + " instead of ready");
            }
            pythonVersion = ready.path("python").asText();
            System.out.printf("tenfold python: %s %s, GIL %s, start method %s, pid %d%n", interpreter, pythonVersion,
                    ready.path("gil").asBoolean(true) ? "on" : "off", ready.path("start_method").asText("?"),
                    started.pid());
            return started;
        } catch (IOException | RuntimeException e) {
            started.abort();
            throw e;
        }
    }

    /** The interpreter's version, as the recipe reported it. */
    public String pythonVersion() {
        return pythonVersion;
    }

    /** The recipe's process id (a test checks it ends with the model). */
    public long pid() {
        return python == null ? -1 : python.pid();
    }

    private static void send(ChildProcess child, Object message) throws IOException {
        child.toChild().write((JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
        child.toChild().flush();
    }

    @Override
    public BatchResult run(Task task, int tasks) throws InterruptedException {
        long start = System.nanoTime();
        JsonNode answer;
        try {
            if (python == null || !python.isAlive()) {
                python = start(); // a crashed recipe: its replacement's start counts in this batch
            }
            long seq = ++sequence;
            send(python, Map.of("run", tasks, "seq", seq));
            answer = JSON.readTree(python.awaitLine(batchTimeout.toSeconds(), TimeUnit.SECONDS));
            if (answer.path("seq").asLong(-1) != seq) {
                throw new IOException("the recipe answered " + abbreviated(answer) + " to batch " + seq
                        + ": out of step, stopped");
            }
        } catch (IOException | RuntimeException e) {
            if (python != null) {
                python.abort();
                python = null;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while the Python recipe ran a batch");
            }
            // every task of the batch waited for it all
            return BatchResult.allFailed(tasks, System.nanoTime() - start, "Python recipe: " + e.getMessage());
        }
        if (answer.path("ending").asBoolean()) {
            python.close(); // its pool lost a process (broken for good in CPython): the next batch starts a new recipe
            python = null;
        }
        return checked(answer, task, tasks);
    }

    /** The recipe's counts, with each CPU digest checked against the Java task's. */
    private static BatchResult checked(JsonNode answer, Task task, int tasks) {
        int errors = answer.path("errors").asInt(tasks);
        String firstError = answer.path("first_error").isTextual() ? answer.path("first_error").asText() : null;
        if (answer.path("attempted").asInt(-1) != tasks) {
            return BatchResult.allFailed(tasks, BatchResult.NOT_STARTED,
                    "Python recipe answered " + abbreviated(answer) + " to a batch of " + tasks);
        }
        long digest = 0;
        JsonNode digests = answer.path("digests");
        if (task instanceof CheckedCpuTask checked) {
            if (digests.size() != tasks) {
                return BatchResult.allFailed(tasks, BatchResult.NOT_STARTED,
                        "Python recipe sent " + digests.size() + " digests for " + tasks + " tasks");
            }
            // A CPU task succeeded only with the expected digest: a missing one (the recipe's error) or a wrong one
            // fails it.
            errors = 0;
            for (int i = 0; i < tasks; i++) {
                JsonNode d = digests.get(i);
                if (!d.isNull() && d.asLong() == checked.expected(i)) {
                    digest += d.asLong();
                    continue;
                }
                errors++;
                if (firstError == null) {
                    firstError = task.describe() + ": task " + i + (d.isNull() ? " sent no digest"
                            : " digest " + Long.toHexString(d.asLong()) + " from Python != expected "
                            + Long.toHexString(checked.expected(i)));
                }
            }
        }
        JsonNode latencies = answer.path("latencies_ns");
        if (latencies.size() != tasks) {
            return BatchResult.allFailed(tasks, BatchResult.NOT_STARTED,
                    "Python recipe sent " + latencies.size() + " latencies for " + tasks + " tasks");
        }
        long[] latencyNanos = new long[tasks];
        for (int i = 0; i < tasks; i++) {
            latencyNanos[i] = latencies.get(i).asLong();
        }
        return new BatchResult(tasks, tasks - errors, errors, digest, latencyNanos, firstError);
    }

    private static String abbreviated(JsonNode answer) {
        String text = answer.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** The recipe, copied out of the jar once per JVM (a pool of spawned interpreters reads it again). */
    private static synchronized Path script() throws IOException {
        if (script == null) {
            Path file = Files.createTempFile("tenfold-recipe", ".py");
            file.toFile().deleteOnExit();
            try (InputStream in = PythonRecipeModel.class.getResourceAsStream(SCRIPT_RESOURCE)) {
                if (in == null) {
                    throw new IOException(SCRIPT_RESOURCE + " is missing from the class path (rebuild the jar)");
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            script = file;
        }
        return script;
    }

    private static Path script;

    /** CPython interprets: no JIT to warm up. */
    @Override
    public boolean compilesAsItRuns() {
        return false;
    }

    @Override
    public void close() {
        if (python != null) {
            python.close();
        }
    }
}
