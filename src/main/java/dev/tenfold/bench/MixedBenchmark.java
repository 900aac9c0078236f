package dev.tenfold.bench;

import dev.tenfold.backend.BackendStubs;
import dev.tenfold.model.BatchResult;
import dev.tenfold.model.ExecutionModel;
import dev.tenfold.model.PipelineModel;
import dev.tenfold.model.PlatformPoolModel;
import dev.tenfold.model.SplitModel;
import dev.tenfold.model.VirtualThreadModel;
import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.http.ImageThumbnailTask;
import dev.tenfold.workload.http.StageViews;
import dev.tenfold.workload.StagedTask;
import dev.tenfold.workload.Task;
import java.net.http.HttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The claim: "for mixed work, don't run it all in one model: download everything with asyncio into a
 * temp dir, then process the files in a process pool".
 *
 * <p>Each operation turns {@code tasks} images into thumbnails: download a ~720 KiB PNG from the
 * backend (after {@code latencyMs}), decode it and shrink it 512 → 64 px (~6 ms of CPU); every
 * thumbnail's pixel digest is checked. The variants combine the two stages differently:
 * {@code serial}; {@code one-pool} (C platform threads each download then process);
 * {@code virtual} (C virtual threads do both, so the CPU work runs on the carriers);
 * {@code split} and {@code split-process} (the article: all downloads to a temp dir first, then
 * {@code workers} threads or worker JVMs process the files); {@code pipeline} (downloads feed a
 * bounded queue that {@code workers} threads drain, both stages at once). {@code io-stage} and
 * {@code cpu-stage} run each stage alone: the larger of their times bounds every combination.
 *
 * <p>Run it: {@code ./run-benchmarks.sh --include mixed/}, or bare: {@code java -jar
 * target/benchmarks.jar MixedBenchmark -p concurrency=10 -p workers=2 -p tasks=200 -prof
 * dev.tenfold.measure.WindowProfiler}.
 *
 * <p>What you should see: at C=10 and 50 ms the downloads alone and the thumbnails alone on 2 cores
 * take comparable times (~1.1 s and ~0.6 s per 200 images), so splitting the stages costs about
 * their sum while overlapping them
 * (pipeline, or simply one pool of threads, which Java allows since it has no GIL) approaches the
 * larger one, less the CPU the downloads themselves need (client and backend share the cores).
 */
public class MixedBenchmark extends JavaFamilyBenchmark {

    /** The backend's fixed delay per image. */
    @Param("50")
    public int latencyMs;

    @Override
    protected Task createTask() throws java.io.IOException {
        String backendUrl = backendUrl();
        HttpClient client = httpClient();
        BackendStubs.installImages(backendUrl, latencyMs);
        BackendStubs.installImages(backendUrl, 0); // the warm-up's twin (Task#withoutLatency)
        ImageThumbnailTask task = new ImageThumbnailTask(client, backendUrl, latencyMs);
        return switch (variant()) {
            case IO_STAGE -> StageViews.downloadOnly(task);
            case CPU_STAGE -> StageViews.processOnly(task);
            default -> task;
        };
    }

    @Override
    protected ExecutionModel createModel(Variant variant, Task task) throws Exception {
        return switch (variant) {
            case ONE_POOL -> new PlatformPoolModel(concurrency);
            case SPLIT -> new SplitModel(concurrency, workers, false, (StagedTask) task);
            case SPLIT_PROCESS -> new SplitModel(concurrency, workers, true, (StagedTask) task);
            case PIPELINE -> new PipelineModel(concurrency, workers);
            case IO_STAGE -> new VirtualThreadModel(concurrency);
            case CPU_STAGE -> new PlatformPoolModel(workers);
            default -> super.createModel(variant, task);
        };
    }


    @Benchmark
    @Measures(Variant.ONE_POOL)
    public BatchResult onePool(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }

    @Benchmark
    @Measures(Variant.SPLIT)
    public BatchResult split(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }

    @Benchmark
    @Measures(Variant.SPLIT_PROCESS)
    public BatchResult splitProcess(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }

    @Benchmark
    @Measures(Variant.PIPELINE)
    public BatchResult pipeline(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }

    @Benchmark
    @Measures(Variant.IO_STAGE)
    public BatchResult ioStage(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }

    @Benchmark
    @Measures(Variant.CPU_STAGE)
    public BatchResult cpuStage(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }
}
