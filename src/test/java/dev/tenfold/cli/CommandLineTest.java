package dev.tenfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tenfold.backend.ClosedPort;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends with one line on stderr and exit code 2, before anything is started or written. */
class CommandLineTest {
    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    /** Main as the script calls it, stdout and stderr captured. */
    static Outcome run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    static void assertUsageError(Outcome outcome, String mentions) {
        assertEquals(Main.USAGE, outcome.code(), outcome.err());
        assertEquals(1, outcome.err().strip().lines().count(), "one line: " + outcome.err());
        assertTrue(outcome.err().contains(mentions), outcome.err());
    }

    @Test
    void unknownFlag() {
        assertUsageError(run("--frobnicate"), "--frobnicate");
    }

    @Test
    void unknownProfile() {
        assertUsageError(run("--profile", "huge", "--out", dir.resolve("x.csv").toString()), "huge");
    }

    @Test
    void badParameterNameAndValue() {
        assertUsageError(run("-p", "threads=4", "--out", dir.resolve("x.csv").toString()), "threads");
        assertUsageError(run("-p", "concurrency=ten", "--out", dir.resolve("x.csv").toString()), "ten");
        assertUsageError(run("-p", "concurrency", "--out", dir.resolve("x.csv").toString()), "name=v1,v2");
    }

    @Test
    void badIncludeRegexOrNoMatch() {
        assertUsageError(run("--include", "io/(", "--out", dir.resolve("x.csv").toString()), "--include");
        assertUsageError(run("--include", "nothing-matches-this", "--out", dir.resolve("x.csv").toString()),
                "matches no benchmark");
    }

    @Test
    void calibrateChoosesItsOwnFilesAndTakesTheRunsOptions() {
        assertUsageError(run("calibrate", "--dir", dir.toString(), "--out", dir.resolve("x.csv").toString()), "--out");
        assertUsageError(run("calibrate", "--dir", dir.toString(), "-p", "latencyMs=fast"), "latencyMs");
        // the first run refuses the plan: calibrate stops there, with the run's one line
        assertUsageError(run("calibrate", "--dir", dir.resolve("c").toString(), "--include", "nothing-matches-this"),
                "matches no benchmark");
        assertFalse(Files.exists(dir.resolve("c").resolve("a.csv")));
    }

    @Test
    void unreachableBackendLosesNothing() throws Exception {
        Path out = dir.resolve("x.csv");
        assertUsageError(run("--backend-url", ClosedPort.url(), "--out", out.toString()), "unreachable");
        assertFalse(Files.exists(out), "nothing written for a run that could not start");
    }

    @Test
    void aPlainWireMockCannotServeTheMixedAndResilienceFamilies() {
        WireMockServer plain =
                new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        plain.start();
        try {
            Path out = dir.resolve("x.csv");
            assertUsageError(run("--backend-url", plain.baseUrl(), "--include", "^(mixed|resilience)/", "--out",
                    out.toString()),
                    "plain WireMock");
            assertFalse(Files.exists(out));
        } finally {
            plain.stop();
        }
    }

    @Test
    void neverOverwritesAnEarlierRun() throws Exception {
        Path out = Files.writeString(dir.resolve("earlier.csv"), "kept");
        assertUsageError(run("--out", out.toString()), "refusing to overwrite");
        assertEquals("kept", Files.readString(out));
    }

    @Test
    void compareAndPlotNeedReadableFiles() {
        assertUsageError(run("compare", dir.resolve("a.csv").toString(), dir.resolve("b.csv").toString()),
                "cannot read");
        assertUsageError(run("plot", dir.resolve("a.csv").toString()), "cannot read");
        assertUsageError(run("compare", dir.resolve("a.csv").toString()), "at least 2");
    }

    /** What -p accepts is what --help lists: each name the plan takes, in the -p option's text. */
    @Test
    void helpListsEveryParameterThePlanTakes() {
        Outcome help = run("--help");
        assertEquals(Main.OK, help.code());
        String option = help.out().substring(help.out().indexOf("-p=name=v1,v2"));
        for (String name : PlanOverrides.PARAMETERS) {
            assertTrue(option.matches("(?s).*\\b" + name + "\\b.*"),
                    "-p " + name + " is taken but --help does not say so:\n" + option);
        }
        assertUsageError(run("-p", "frobs=3", "--dry-run"), "frobs");
    }

    /** Every subcommand's help prints whole: picocli formats descriptions, so a bare '%' garbles one and warns. */
    @Test
    void everyHelpPrintsWithoutAFormattingWarning() {
        for (String[] args : new String[][] {{"--help"}, {"calibrate", "--help"}, {"compare", "--help"},
                {"plot", "--help"}}) {
            Outcome help = run(args);
            assertEquals(Main.OK, help.code(), String.join(" ", args));
            assertTrue(!help.out().contains("WARN") && !help.err().contains("WARN") && !help.out().contains("%n"),
                    String.join(" ", args) + ":\n" + help.out() + help.err());
        }
        assertTrue(run("calibrate", "--help").out().contains("a 10% slower backend"));
    }

    @Test
    void dryRunPrintsThePlanAndRunsNothing() {
        Path out = dir.resolve("x.csv");
        Outcome quick = run("--dry-run", "--include", "^io/", "--out", out.toString());
        assertEquals(Main.OK, quick.code());
        assertFalse(Files.exists(out));
        List<String> lines = quick.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l
                -> l.matches("io/virtual concurrency=10 latencyMs=50 tasks=100 workers=1  \\(~\\d+\\.\\d min\\)")),
                quick.out());
        assertTrue(lines.stream().anyMatch(l
                -> l.matches("4 benchmarks, profile quick: about \\d+ min; peak memory: up to [\\d.]+ GiB of [\\d.]+ "
                + "GiB .*")), quick.out());
        Outcome latency = run("--dry-run", "--profile", "latency", "--out", out.toString());
        assertTrue(latency.out().lines().anyMatch(l
                -> l.startsWith("open-loop/platform concurrency=10 latencyMs=50 rate=300 ")),
                "the open loop's rows are listed: " + latency.out());
        assertTrue(latency.out().lines().anyMatch(l
                -> l.matches("8 benchmarks, profile latency: about \\d+ min; peak memory: .*")), latency.out());
        assertFalse(Files.exists(out));
        assertUsageError(run("--dry-run", "--include", "^io/process", "-p", "workers=100000", "--out", out.toString()),
                "the plan does not fit in ");
    }

    @Test
    void jmhOptionsPassAfterTheDoubleDash() {
        Path out = dir.resolve("x.csv");
        assertEquals(Main.OK, run("--dry-run", "--out", out.toString(), "--", "-prof", "gc", "-f", "2",
                "-jvmArgsAppend", "-Xlog:gc").code());
        assertUsageError(run("--dry-run", "--out", out.toString(), "--", "-frobnicate"), "JMH option");
        assertUsageError(run("--dry-run", "--out", out.toString(), "--", "IoBenchmark"), "--include");
        assertUsageError(run("--dry-run", "--out", out.toString(), "--", "-rff", "x.json"), "--out");
        assertUsageError(run("--dry-run", "--out", out.toString(), "--", "-t", "4"), "-p concurrency");
        assertUsageError(run("--dry-run", "--out", out.toString(), "--", "-f", "0"), "-f 0");
        assertUsageError(run("--dry-run", "--out", out.toString(), "--", "-pconcurrency=10"), "-p before --");
    }

    @Test
    void jmhOptionsLayOverThePlanItems() {
        JmhPassThrough jmh = JmhPassThrough.parse(List.of("-f", "2", "-i", "3", "-prof", "gc", "-jvmArgsAppend",
                "-Xlog:gc"));
        org.openjdk.jmh.runner.options.Options options = jmh.applyTo(new org.openjdk.jmh.runner.options.OptionsBuilder()
                .forks(1).measurementIterations(6).jvmArgsAppend("-Dsuite=yes")).build();
        assertEquals(2, options.getForkCount().get());
        assertEquals(3, options.getMeasurementIterations().get());
        assertEquals(List.of("-Dsuite=yes", "-Xlog:gc"), List.copyOf(options.getJvmArgsAppend().get()),
                "the suite's JVM arguments stay");
        assertTrue(options.getProfilers().stream().anyMatch(p -> p.getKlass().equals("gc")));
    }

    @Test
    void plotTakesTheJsonOfABareJmhRun() throws Exception {
        Path json = dir.resolve("bare.json");
        try (var fixture = CommandLineTest.class.getResourceAsStream("/dev/tenfold/report/two-runs.json")) {
            Files.copy(fixture, json);
        }
        Path plots = dir.resolve("plots");
        assertEquals(Main.OK, run("plot", json.toString(), "--plots", plots.toString()).code());
        try (var pngs = Files.list(plots)) {
            assertTrue(pngs.anyMatch(p -> p.toString().endsWith(".png")));
        }
        assertUsageError(run("plot", Files.writeString(dir.resolve("not.json"), "{").toString()), "not a JMH JSON");
    }
}
