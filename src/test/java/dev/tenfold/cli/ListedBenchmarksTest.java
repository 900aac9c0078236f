package dev.tenfold.cli;

import dev.tenfold.model.PythonInterpreter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.backend.Backend;
import dev.tenfold.ledger.TrialLedger;
import dev.tenfold.measure.TrialWarmUp;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * What {@code java -jar target/benchmarks.jar -l} lists is exactly what the suite runs, and every
 * listed benchmark runs: one tiny iteration each, in this JVM (forks 0) against one shared backend
 * (the Python recipe's too, where there is a python3 >= 3.8).
 */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class ListedBenchmarksTest {
    private static Backend backend;

    @BeforeAll
    static void startBackend() throws Exception {
        backend = Backend.start();
        System.setProperty(Backend.URL_PROPERTY, backend.url());
        System.setProperty(Backend.PID_PROPERTY, Long.toString(backend.pid().orElseThrow()));
        System.setProperty(TrialWarmUp.SECONDS_PROPERTY, "0");
    }

    @AfterAll
    static void stopBackend() {
        System.clearProperty(Backend.URL_PROPERTY);
        System.clearProperty(Backend.PID_PROPERTY);
        System.clearProperty(TrialWarmUp.SECONDS_PROPERTY);
        TrialLedger.open(); // the in-process trials' ledger (its closed models' counters) is not the next test's
        backend.close();
    }

    private static Set<String> listed() {
        return BenchmarkList.defaultList().getAll(OutputFormatFactory.createFormatInstance(System.out,
                VerboseMode.SILENT), List.of())
                .stream().map(BenchmarkListEntry::getUsername).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theListIsWhatTheFullProfileRuns() {
        Set<String> planned = new SuitePlan(Profile.FULL, Map.of(), 2).items(Pattern.compile(".*")).stream()
                .map(PlanItem::benchmark).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(planned, listed());
    }

    @Test
    void everyListedBenchmarkRunsOneTinyIteration() throws Exception {
        boolean python = PythonInterpreter.find().isPresent();
        for (String benchmark : listed()) {
            if (benchmark.contains(".Python") && !python) {
                // no python3 >= 3.8 here: the suite skips these rows too, and says so; so does this test
                System.out.println("ListedBenchmarksTest: " + benchmark
                        + " skipped: no python3 >= 3.8 on this machine");
                continue;
            }
            Collection<RunResult> results = new Runner(new OptionsBuilder()
                    .include("^" + Pattern.quote(benchmark) + "$")
                    .forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(10))
                    .param("concurrency", "2").param("workers", "2").param("tasks", "4").param("latencyMs", "1")
                    .shouldFailOnError(true).verbosity(VerboseMode.SILENT).build()).run();
            assertEquals(1, results.size(), benchmark);
            assertTrue(results.iterator().next().getPrimaryResult().getScore() > 0, benchmark);
        }
    }
}
