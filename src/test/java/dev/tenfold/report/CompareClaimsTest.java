package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare's claims view on three CSVs: a 2-core VM twice (an A/A pair) and a 16-core workstation.
 * Each claim is judged per machine against that machine's own serial and ideal, CPU rows join by
 * "all cores" whatever the count, and the ratio between machines carries a noise mark.
 */
class CompareClaimsTest {
    @TempDir
    Path dir;

    private static ResultRow row(ResultRow template, String host, int cores, String family, String workload,
            String variant,
                                 int c, double speedup, double halfWidth, double ideal, double throughput) {
        Map<String, Object> fields = new HashMap<>(Map.of("host", host, "runId", host + "-20261203-120000",
                "usableCores", cores,
                "family", family, "workload", workload, "variant", variant, "concurrency", c, "speedup", speedup,
                "speedupLow", speedup - halfWidth, "speedupHigh", speedup + halfWidth));
        fields.putAll(Map.of("idealSpeedup", ideal, "throughput", throughput, "throughputError",
                throughput * halfWidth / speedup,
                "samples", 15, "forks", 3));
        return RowCopy.with(template, fields);
    }

    /** One machine's run: I/O at C=10, CPU at all cores, pipeline against split. */
    private static List<ResultRow> run(String host, int cores, double io10, double cpuAllCores, double pipeline) throws
            Exception {
        ResultRow t = ReportTest.fixtureRows(ReportTest.MACHINE).get(1);
        return List.of(
                row(t, host, cores, "io", "io", "serial", 1, 1, 0.02, 1, 19),
                row(t, host, cores, "io", "io", "platform", 10, io10, 0.15, 10, 19 * io10),
                row(t, host, cores, "io", "io", "virtual", 10, io10 * 0.99, 0.15, 10, 19 * io10 * 0.99),
                row(t, host, cores, "cpu", "sha256", "serial", 1, 1, 0.01, 1, 30),
                row(t, host, cores, "cpu", "sha256", "platform", cores, cpuAllCores, cpuAllCores * 0.02, cores,
                30 * cpuAllCores),
                row(t, host, cores, "mixed", "mixed", "split", 10, 4, 0.1, 10, 40),
                row(t, host, cores, "mixed", "mixed", "pipeline", 10, 4 * pipeline, 0.1, 10, 40 * pipeline));
    }

    @Test
    void eachClaimIsJudgedPerMachineAndComparedAcrossThem() throws Exception {
        Path vm = dir.resolve("vm.csv");
        Path vmAgain = dir.resolve("vm-again.csv");
        Path workstation = dir.resolve("workstation.csv");
        CsvFormat.write(vm, run("vm", 2, 10.05, 1.91, 1.55));
        CsvFormat.write(vmAgain, run("vm", 2, 10.02, 1.89, 1.52));
        CsvFormat.write(workstation, run("ws", 16, 9.95, 14.8, 0.80));
        String out = Compare.run(List.of(vm, vmAgain, workstation), dir);
        String claims = out.substring(out.indexOf("Claims, per machine"));

        String io = line(claims, "  platform C=10 ");
        assertTrue(io.matches(".*10\\.05 \\[9\\.90, 10\\.20] of 10 holds +10\\.02 \\[9\\.87, 10\\.17] of 10 holds "
                + "+\\[1]/\\[0] 1\\.00 \\[0\\.98, 1\\.02] ~"
                + " +9\\.95 \\[9\\.80, 10\\.10] of 10 holds +\\[2]/\\[0] 0\\.99 \\[0\\.97, 1\\.01] ~.*"), io);
        // 2 cores and 16 cores are one claim: "at all cores"; the workstation's 14.8x of 16 holds, and is beyond noise
        String cpu = line(claims, "  sha256 platform at all cores");
        assertTrue(cpu.contains("1.91 [1.87, 1.95] of 2 holds") && cpu.contains("14.80 [14.50, 15.10] of 16 holds"),
                cpu);
        assertTrue(cpu.matches(".*\\[2]/\\[0] 7\\.75 \\[7\\.\\d\\d, 7\\.\\d\\d] \\+.*"), cpu);
        // the A/A pair agrees on the pipeline; the workstation's CPU stage is fast enough that split wins there
        String mixed = line(claims, "  pipeline / split C=10");
        assertTrue(mixed.matches(".*1\\.55 \\[1\\.\\d\\d, 1\\.\\d\\d] holds .*1\\.52 \\[1\\.\\d\\d, 1\\.\\d\\d] holds "
                + ".*~.*0\\.80 \\[0\\.\\d\\d, 0\\.\\d\\d] FAILS .*-"), mixed);
        assertTrue(claims.contains("[0] vm vm-20261203-120000: 4 holds")
                && claims.contains("[2] ws ws-20261203-120000: 3 holds, 1 FAILS"), claims);
        assertTrue(Files.size(dir.resolve("compare-claims.png")) > 5_000, "the claims chart");

        // the ranking: platform's 1% over virtual is beyond these narrow intervals on every machine (it
        // holds); pipeline beats split on the VM and loses to it on the workstation (it differs)
        String ranking = out.substring(out.indexOf("Ranking of the models"));
        String ioRank = line(ranking, "  io io C=10 L=50");
        assertTrue(ioRank.matches(".*\\[0] platform > virtual +\\[1] platform > virtual +\\[2] platform > virtual "
                + "+holds"), ioRank);
        String mixedRank = line(ranking, "  mixed mixed C=10 L=50");
        assertTrue(mixedRank.matches(".*\\[0] pipeline > split +\\[1] pipeline > split +\\[2] split > pipeline "
                + "+DIFFERS: "
                + "pipeline beats split on \\[0], split beats pipeline on \\[2]; pipeline beats split on \\[1], split "
                + "beats pipeline on \\[2]"),
                mixedRank);
        assertFalse(ranking.contains("sha256"), "one model per machine at all cores: nothing to rank\n" + ranking);
    }

    @Test
    void theRatioOfTwoClaimsCarriesBothIntervals() {
        Claims.Judged base = new Claims.Judged("c", "s", 10, 9.5, 10.5, 10.0, Claims.Outcome.HOLDS, "");
        Claims.Judged twice = new Claims.Judged("c", "s", 20, 19.0, 21.0, 20.0, Claims.Outcome.HOLDS, "");
        Ratios.RowRatio ratio = Compare.claimRatio(twice, base);
        double spread = Math.hypot(Math.log(21.0 / 19) / 2, Math.log(10.5 / 9.5) / 2);
        assertEquals(2.0, ratio.ratio(), 1e-12);
        assertEquals(2.0 * Math.exp(-spread), ratio.interval().low(), 1e-12);
        assertEquals(2.0 * Math.exp(spread), ratio.interval().high(), 1e-12);
        assertEquals("+", ratio.mark());
        Claims.Judged noInterval = new Claims.Judged("c", "s", 10, null, null, 10.0, Claims.Outcome.UNTESTED, "");
        assertNull(Compare.claimRatio(noInterval, base).interval());
        assertEquals(Claims.Outcome.INCONCLUSIVE, Claims.Outcome.atLeast(8.9, 9.1, 9));
        assertEquals(Claims.Outcome.FAILS, Claims.Outcome.atLeast(8.0, 8.99, 9));
        assertEquals(Claims.Outcome.HOLDS, Claims.Outcome.atMost(0.9, 1.3, 1.3));
    }

    private static String line(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(()
                -> new AssertionError(start + " not in\n" + text));
    }
}
