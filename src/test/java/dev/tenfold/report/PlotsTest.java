package dev.tenfold.report;

import static dev.tenfold.report.ReportTest.MACHINE;
import static dev.tenfold.report.ReportTest.fixtureRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts of one run: which PNGs a run gets, drawn again over old ones, wide enough for their titles. */
class PlotsTest {
    @TempDir
    Path dir;

    /** The CPU family on one page: every workload x every model, with its interval; the Python rows are not on it. */
    @Test
    void theCpuFamilyIsOneGroupedBarChart() throws Exception {
        ResultRow any = fixtureRows(MACHINE).get(1);
        List<ResultRow> cpu = new java.util.ArrayList<>();
        for (String workload : List.of("sha256", "matmul")) {
            cpu.add(RowCopy.with(any, java.util.Map.of("family", "cpu", "workload", workload, "variant", "serial",
                    "concurrency", 1,
                    "speedup", 1.0)));
            cpu.add(RowCopy.with(any, java.util.Map.of("family", "cpu", "workload", workload, "variant", "platform",
                    "concurrency", 2,
                    "speedup", 1.9, "speedupLow", 1.8, "speedupHigh", 2.0)));
        }
        cpu.add(RowCopy.with(cpu.get(1), java.util.Map.of("runtime", "python", "variant", "threads")));
        List<Path> pngs = Plots.draw(cpu, dir, "quick", null);
        assertTrue(pngs.contains(dir.resolve("cpu-speedup.png")), pngs.toString());
        assertTrue(Files.size(dir.resolve("cpu-speedup.png")) > 5_000);
        assertTrue(pngs.contains(dir.resolve("python-cpu-sha256-speedup.png")),
                "the Python rows keep their own charts: " + pngs);
    }

    @Test
    void plotsAreDrawn() throws Exception {
        List<Path> pngs = Plots.draw(fixtureRows(MACHINE), dir, "quick", null);
        assertEquals(List.of(dir.resolve("io-speedup.png"), dir.resolve("io-cpu-share.png"), dir.resolve("io-rss.png")),
                pngs);
        for (Path png : pngs) {
            assertTrue(Files.size(png) > 5_000, png + " is " + Files.size(png) + " bytes");
        }
        assertEquals(pngs, Plots.draw(fixtureRows(MACHINE), dir, "quick", null), "drawn again over the old files");
        try (var files = Files.list(dir)) {
            assertEquals(new java.util.TreeSet<>(pngs), new java.util.TreeSet<>(files.toList()),
                    "written through a temporary file, none left");
        }
        // A long CPU model in the title widens the chart rather than being cut off.
        RunContext longName = new RunContext("x", "t", "build-host-01", "Linux",
                "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz (Ice Lake), 2 sockets",
                32, 64, 256, "Eclipse Adoptium 25.0.3+9-LTS", "quick", 64, 0.1, "cgroup cpu.max unlimited");
        Path wide = Plots.draw(fixtureRows(longName), dir.resolve("wide"), "quick", null).get(0);
        assertTrue(javax.imageio.ImageIO.read(wide.toFile()).getWidth() > 1000, "chart wide enough for its title");
    }
}
