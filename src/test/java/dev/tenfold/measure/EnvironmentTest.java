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

    /**
     * On this machine: the load per usable core is /proc/loadavg's first field over the cores, and the
     * CPU policy says, part by part, what its files say (each part "n/a" where the file is missing).
     */
    @Test
    void theLiveReadersSayWhatTheFilesSay() throws Exception {
        java.nio.file.Path loadavg = java.nio.file.Path.of("/proc/loadavg");
        // (a run's script hands its JVM the load from before its build instead: not this test's case)
        if (java.nio.file.Files.isReadable(loadavg) && System.getenv("TENFOLD_LOAD_AT_START") == null) {
            double before = Environment.loadAverage(java.nio.file.Files.readString(loadavg));
            double perCore = Environment.loadPerCore() * Environment.usableCores();
            double after = Environment.loadAverage(java.nio.file.Files.readString(loadavg));
            assertTrue(perCore >= Math.min(before, after) - 0.01 && perCore <= Math.max(before, after) + 0.01,
                    perCore + " cores' worth, /proc/loadavg said " + before + " then " + after);
            assertTrue(Environment.cpuTicksNow().total() > 0);
        }
        String policy = Environment.cpuPolicy();
        java.nio.file.Path cpuMax = java.nio.file.Path.of("/sys/fs/cgroup/cpu.max");
        String quota = !java.nio.file.Files.isReadable(cpuMax) ? "n/a"
                : java.nio.file.Files.readString(cpuMax).startsWith("max") ? "unlimited" : null;
        if (quota != null) {
            assertTrue(policy.startsWith("cgroup cpu.max " + quota + "; "), policy);
        } else {
            assertTrue(policy.matches("cgroup cpu\\.max \\d+\\.\\d\\d cores; .*"), policy);
        }
        java.nio.file.Path smt = java.nio.file.Path.of("/sys/devices/system/cpu/smt/active");
        String smtPart = !java.nio.file.Files.isReadable(smt) ? "n/a"
                : java.nio.file.Files.readString(smt).trim().equals("1") ? "on" : "off";
        assertTrue(policy.matches("cgroup cpu\\.max [^;]+; governor [^;]+; boost (on|off|n/a); SMT " + smtPart),
                policy);
    }
}
