package dev.tenfold.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.backend.Backend;
import java.util.Collection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The profiler's window is the work JMH times: in every measured iteration of a real (small) run,
 * the tasks the profiler counted over the span it measured give the same tasks/s as JMH's own score
 * x tasks per batch (all tasks succeed here), within 1%; and the compile time inside it is reported.
 */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class MeasuredWindowTest {

    @Test
    void tasksPerSecondAgreeWithJmhsScoreInEveryIteration() throws Exception {
        int tasks = 20;
        try (Backend backend = Backend.start()) {
            System.setProperty(Backend.URL_PROPERTY, backend.url());
            System.setProperty(TrialWarmUp.SECONDS_PROPERTY, "1");
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                    .include("^dev\\.tenfold\\.bench\\.IoBenchmark\\.virtual$")
                    .forks(0).warmupIterations(0).measurementIterations(4).measurementTime(TimeValue.milliseconds(300))
                    .param("concurrency", "4").param("tasks", Integer.toString(tasks)).param("latencyMs", "5")
                    .addProfiler(WindowProfiler.class).shouldFailOnError(true).verbosity(VerboseMode.SILENT)
                    .build()).run();
            int iterations = 0;
            for (RunResult run : results) {
                for (BenchmarkResult fork : run.getBenchmarkResults()) {
                    for (IterationResult iteration : fork.getIterationResults()) {
                        double jmh = iteration.getPrimaryResult().getScore() * tasks;
                        double succeeded = iteration.getSecondaryResults().get(Metric.SUCCEEDED.key()).getScore();
                        double work = iteration.getSecondaryResults().get(Metric.WALL_S.key()).getScore();
                        assertTrue(succeeded > 0 && succeeded % tasks == 0, "whole batches: " + succeeded);
                        assertEquals(jmh, succeeded / work, 0.01 * jmh,
                                "tasks/s of the profiler's work span against JMH's");
                        assertTrue(iteration.getSecondaryResults().get(Metric.JIT_MS.key()).getScore() >= 0);
                        iterations++;
                    }
                }
            }
            assertEquals(4, iterations);
        } finally {
            System.clearProperty(Backend.URL_PROPERTY);
            System.clearProperty(TrialWarmUp.SECONDS_PROPERTY);
        }
    }
}
