package dev.tenfold.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The environment readers, on fixture copies of /proc and cgroup files. */
class EnvironmentTest {

    @Test
    void loadAverageIsTheFirstField() {
        assertEquals(1.37, Environment.loadAverage("1.37 0.92 0.55 3/412 12345\n"));
        assertNull(Environment.loadAverage("garbage"));
    }

    @Test
    void stealIsTheEighthFieldOfTheCpuLineAndGuestIsNotCountedTwice() {
        String before = """
                cpu  1000 10 500 8000 100 0 50 40 300 0
                cpu0 500 5 250 4000 50 0 25 20 150 0
                intr 123
                """;
        String after = """
                cpu  1100 10 550 8300 100 0 50 100 330 0
                cpu0 550 5 275 4150 50 0 25 50 165 0
                """;
        Environment.CpuTicks a = Environment.cpuTicks(before);
        Environment.CpuTicks b = Environment.cpuTicks(after);
        assertEquals(1000 + 10 + 500 + 8000 + 100 + 0 + 50 + 40, a.total());
        assertEquals(40, a.steal());
        // 510 ticks passed (100 user + 50 system + 300 idle + 60 steal), 60 of them stolen
        assertEquals(60.0 / 510, b.stealShareSince(a), 1e-12);
        assertEquals(8000 + 100, a.idle(), "idle + iowait");
        assertNull(a.stealShareSince(a), "no time passed");
    }

    @Test
    void cgroupCpuMaxIsAQuotaInCoresOrUnlimited() {
        assertEquals(1.5, Environment.cgroupCpuLimit("150000 100000\n"));
        assertNull(Environment.cgroupCpuLimit("max 100000\n"));
        assertNull(Environment.cgroupCpuLimit(""));
    }

    @Test
    void theLiveReadersAnswerOnLinux() {
        assertEquals(Runtime.getRuntime().availableProcessors(), Environment.usableCores());
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(Environment.loadPerCore() >= 0);
            assertTrue(Environment.cpuTicksNow().total() > 0);
        }
        assertTrue(Environment.cpuPolicy().startsWith("cgroup cpu.max "), Environment.cpuPolicy());
    }
}
