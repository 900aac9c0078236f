package dev.tenfold.bench;

import dev.tenfold.model.BatchResult;
import dev.tenfold.vocabulary.Variant;
import org.openjdk.jmh.annotations.Benchmark;

/** What every Java family runs besides {@code serial}: virtual threads (JMH generates it for each family). */
public abstract class JavaFamilyBenchmark extends BatchBenchmark {

    /**
     * A virtual thread per task, {@code concurrency} in flight (CPU work: on one carrier thread per
     * core; resilience: as a sustained stream, see ResilienceBenchmark).
     */
    @Benchmark
    @Measures(Variant.VIRTUAL)
    public BatchResult virtual(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }
}
