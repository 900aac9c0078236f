package dev.tenfold.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.backend.Backend;
import dev.tenfold.ledger.TrialLedger;
import dev.tenfold.measure.TrialWarmUp;
import dev.tenfold.measure.WindowProfiler;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * A stream's window counts the 429s of the tasks that ended in it, no more: with no retry each
 * task sends one request, so a window cannot hold more 429s than failed tasks. The stream runs on
 * between JMH's iterations; 429s taken per JMH call put those of the gap's tasks into the next
 * window (the full run of 2026-12-07 counted 122% of the requests it sent). JMH's own counters
 * ({@code tasks}, {@code errors}) hold the window's tasks too.
 */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class ResilienceWindowTest {

    @Test
    void aWindowHoldsNoMore429sThanFailedTasks() throws Exception {
        try (Backend backend = Backend.start()) {
            System.setProperty(Backend.URL_PROPERTY, backend.url());
            System.setProperty(Backend.PID_PROPERTY, Long.toString(backend.pid().orElseThrow()));
            System.setProperty(TrialWarmUp.SECONDS_PROPERTY, "0");
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                    .include("^" + ResilienceBenchmark.class.getName() + ".virtual$")
                    .forks(0).warmupIterations(0).measurementIterations(4)
                    .measurementTime(TimeValue.milliseconds(600))
                    .param("endpoint", "limited").param("policy", "no-retry").param("concurrency", "60")
                    .param("limit", "5").param("latencyMs", "20").param("tasks", "200")
                    .addProfiler(WindowProfiler.class)
                    .shouldFailOnError(true).verbosity(VerboseMode.SILENT).build()).run();
            assertEquals(1, results.size());
            int windows = 0;
            for (BenchmarkResult trial : results.iterator().next().getBenchmarkResults()) {
                for (IterationResult window : trial.getIterationResults()) {
                    Map<String, Result> secondary = window.getSecondaryResults();
                    double rejected = secondary.get("tenfold.http_429").getScore();
                    double errors = secondary.get("tenfold.errors").getScore();
                    assertTrue(rejected > 0, "C=60 against K=5 must hit the limit");
                    assertTrue(rejected <= errors, "window " + windows + ": " + rejected + " 429s for " + errors
                            + " failed tasks");
                    // JMH's own counters (per second of its timed loop) hold the same tasks: per call
                    // they took the gap's tasks too. Within 5%: JMH's loop and the window's edges are
                    // a few ms apart in a window of 0.6 s
                    double ended = (secondary.get("tenfold.succeeded").getScore() + errors)
                            / secondary.get("tenfold.wall_s").getScore();
                    double jmh = secondary.get("tasks").getScore() + secondary.get("errors").getScore();
                    assertEquals(ended, jmh, 0.05 * ended, "window " + windows + ": JMH's counters against the"
                            + " ledger's, tasks/s");
                    windows++;
                }
            }
            assertEquals(4, windows);
        } finally {
            System.clearProperty(Backend.URL_PROPERTY);
            System.clearProperty(Backend.PID_PROPERTY);
            System.clearProperty(TrialWarmUp.SECONDS_PROPERTY);
            TrialLedger.open(); // the in-process trial's ledger is not the next test's
        }
    }
}
