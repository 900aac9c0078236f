package dev.tenfold.model;

import dev.tenfold.workload.StagedTask;
import dev.tenfold.workload.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The article's recipe for mixed work: first download everything (virtual threads, C in flight)
 * into a temporary directory, then process the files on a CPU pool: {@code cores} platform threads
 * ({@code split}) or worker JVMs ({@code split-process}, the article's process pool, which reads the
 * files itself, so nothing large goes down its pipe). The stages do not overlap: a batch takes the
 * I/O time plus the CPU time. A task whose download failed has no file and fails in the CPU stage,
 * so every task is counted once. The files go after every batch, the directory when the model
 * closes, also after a failure.
 */
public final class SplitModel implements ExecutionModel {
    private static final String PREFIX = "tenfold-mixed-";

    /** A download directory: the prefix, the pid of the JVM that made it, a random part. */
    private static final Pattern DIRECTORY =
            Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,18})-\\d+");

    private final Path dir;
    private final VirtualThreadModel downloads;
    private final ExecutionModel cpuStage;
    private final Task processFiles;

    /**
     * @param workerJvms process the files in {@code workers} worker JVMs instead of platform threads
     */
    public SplitModel(int concurrency, int workers, boolean workerJvms, StagedTask task) throws IOException {
        removeStaleDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        dir = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
        dir.toFile().deleteOnExit(); // a JVM stopped mid-batch (Ctrl-C) deletes its files first, then this
        downloads = new VirtualThreadModel(concurrency);
        processFiles = task.processFiles(dir);
        try {
            cpuStage = workerJvms ? new ProcessPoolModel(workers, processFiles) : new PlatformPoolModel(workers);
        } catch (IOException | RuntimeException e) {
            deleteDirectory(dir);
            throw e;
        }
    }

    /** The directory the downloads go to (a test checks it is gone after close). */
    public Path directory() {
        return dir;
    }

    @Override
    public BatchResult run(Task task, int tasks) throws InterruptedException {
        if (!(task instanceof StagedTask staged)) {
            throw new IllegalArgumentException(
                    "the split model needs a task in stages; " + task.describe() + " is not");
        }
        try {
            BatchResult downloaded = downloads.run(new DownloadToFile(staged, dir), tasks);
            BatchResult processed = cpuStage.run(processFiles, tasks);
            return new BatchResult(tasks, processed.succeeded(), processed.errors(), processed.digest(),
                    stagesTogether(downloaded.latencyNanos(), processed.latencyNanos()),
                    downloaded.firstError() != null ? downloaded.firstError() : processed.firstError());
        } finally {
            deleteFiles(dir);
        }
    }

    /**
     * A task's latency: its download's time plus its processing's (the wait between the stages, for
     * the other downloads, is the batch's shape, not the task's); a stage it never started adds nothing.
     */
    private static long[] stagesTogether(long[] download, long[] process) {
        long[] both = new long[download.length];
        for (int i = 0; i < both.length; i++) {
            both[i] = download[i] < 0 && process[i] < 0 ? BatchResult.NOT_STARTED
                    : Math.max(0, download[i]) + Math.max(0, process[i]);
        }
        return both;
    }

    @Override
    public long workerCompileMillis() {
        return cpuStage.workerCompileMillis();
    }

    @Override
    public int jvms() {
        return cpuStage.jvms();
    }

    @Override
    public void close() {
        try {
            cpuStage.close();
        } finally {
            deleteDirectory(dir);
        }
    }

    /**
     * Removes the download directories of JVMs that are gone: one killed outright (SIGKILL, the OOM
     * killer) could not delete its own. A directory whose JVM is alive, another run's, is left alone.
     */
    static void removeStaleDirectories(Path tmp) {
        try (Stream<Path> entries = Files.list(tmp)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Matcher name = DIRECTORY.matcher(entry.getFileName().toString());
                if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()) {
                    deleteDirectory(entry);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: another run may be removing the same directory right now
        }
    }

    private static void deleteFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }

    private static void deleteDirectory(Path dir) {
        if (Files.exists(dir)) {
            deleteFiles(dir);
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + dir, e);
            }
        }
    }

    /** The I/O stage alone: download task i's input and write it to its file. */
    private record DownloadToFile(StagedTask task, Path dir) implements Task {
        @Override
        public long run(int index) throws Exception {
            byte[] input = task.fetch(index);
            Path file = StagedTask.inputFile(dir, index);
            file.toFile().deleteOnExit(); // once per path: the JDK keeps a set
            Files.write(file, input);
            return input.length;
        }

        @Override
        public String describe() {
            return task.describe();
        }
    }
}
