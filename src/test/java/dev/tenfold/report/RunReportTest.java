package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's report: the .md beside the CSV, and the .html page that carries every chart, checked in a real browser. */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class RunReportTest {
    @TempDir
    Path dir;

    private RunReport.Written written() throws Exception {
        List<ResultRow> rows = ReportTest.fixtureRows(ReportTest.MACHINE);
        List<Path> pngs = Plots.draw(rows, dir.resolve("run/plots"), "quick", null);
        Path csv = dir.resolve("run.csv");
        CsvFormat.write(csv, rows);
        return RunReport.write(csv, ReportTest.MACHINE, rows, Verdict.render(rows) + "\n<script>alert(1)</script>",
                Duration.ofSeconds(605), "run/plots/", pngs);
    }

    @Test
    void thePageEmbedsEveryChartAndTheVerdictAsText() throws Exception {
        RunReport.Written report = written();
        assertEquals(dir.resolve("run.md"), report.markdown());
        String md = Files.readString(report.markdown());
        assertTrue(md.contains("took 10 min 05 s") && md.contains("[`run.csv`](run.csv)"), md);
        String page = Files.readString(report.page());
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>"),
                "the verdict is text, escaped, and the page runs no script");
        String firstLine = Verdict.render(ReportTest.fixtureRows(ReportTest.MACHINE)).strip().split("\n")[0];
        assertTrue(page.contains(RunReport.escape(firstLine)));
        assertTrue(!page.contains("src=\"http") && !page.contains("href=\"http"), "nothing fetched from the network");
        Matcher img = Pattern.compile("<img src=\"data:image/png;base64,([^\"]+)\" alt=\"([^\"]+)\"").matcher(page);
        int images = 0;
        while (img.find()) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("run/plots").resolve(img.group(2))),
                    Base64.getDecoder().decode(img.group(1)),
                    img.group(2) + " embedded byte for byte");
            images++;
        }
        assertEquals(3, images, "io-speedup, io-cpu-share, io-rss");
    }

    /**
     * Loads the page in headless Chromium with a probe that records script errors, failed resources and
     * console errors, and counts the images that did not decode. The probe is first shown a page with a
     * broken image, so a probe that sees nothing cannot pass.
     */
    @Test
    void thePageLoadsInAHeadlessBrowserWithNoErrorAndEveryImageShown() throws Exception {
        String chromium = Headless.browser();
        assumeTrue(chromium != null,
                "no chromium on PATH (Debian: apt-get install chromium): the page is not loaded in a browser");
        Path page = written().page();
        String broken = Files.readString(page).replaceFirst("base64,[A-Za-z0-9+/]{64}", "base64,AAAA");
        Path brokenPage = Files.writeString(dir.resolve("broken.html"), broken);
        assertEquals("images=3 broken=1 errors=1", Headless.probe(chromium, brokenPage, dir),
                "the probe sees a broken image");
        assertEquals("images=3 broken=0 errors=0", Headless.probe(chromium, page, dir));
    }

    /** Headless Chromium, driven from the command line: the page with a probe injected, its DOM dumped after load. */
    static final class Headless {
        private static final String PROBE = """
                <script>
                var probeErrors = [];
                window.addEventListener('error', function (e) {
                  probeErrors.push(e.message || 'failed: ' + (e.target && e.target.alt));
                }, true);
                var consoleError = console.error;
                console.error = function () {
                  probeErrors.push(Array.from(arguments).join(' '));
                  consoleError.apply(console, arguments);
                };
                window.addEventListener('load', function () {
                  var images = Array.from(document.images);
                  var broken = images.filter(function (i) { return !(i.complete && i.naturalWidth > 0); });
                  var out = document.createElement('div');
                  out.id = 'probe';
                  out.textContent = 'images=' + images.length + ' broken=' + broken.length
                    + ' errors=' + probeErrors.length;
                  document.body.appendChild(out);
                });
                </script>
                """;

        static String browser() {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                    if (Files.isExecutable(Path.of(dir, name))) {
                        return Path.of(dir, name).toString();
                    }
                }
            }
            return null;
        }

        static String probe(String chromium, Path page, Path work) throws Exception {
            Path probed = work.resolve("probed-" + page.getFileName());
            Files.writeString(probed, Files.readString(page).replaceFirst("<head>", "<head>\n" + PROBE));
            Process browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run",
                    "--user-data-dir=" + work.resolve("chromium-profile"), "--dump-dom", probed.toUri().toString())
                    .redirectError(work.resolve("chromium.log").toFile()).start();
            String dom = new String(browser.getInputStream().readAllBytes());
            try {
                assertTrue(browser.waitFor(60, TimeUnit.SECONDS), "chromium did not finish in 60 s");
            } finally {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly();
            }
            Matcher result = Pattern.compile("<div id=\"probe\">([^<]*)</div>").matcher(dom);
            assertTrue(result.find(), "the probe did not report; chromium said: "
                    + Files.readString(work.resolve("chromium.log")));
            return result.group(1);
        }
    }
}
