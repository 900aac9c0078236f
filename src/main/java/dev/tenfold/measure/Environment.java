package dev.tenfold.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What else was running, and what the run was allowed to use: the cores this JVM may use
 * ({@code availableProcessors}: cgroup quota and cpuset, e.g. under {@code taskset}), the load
 * average when the run began, CPU time stolen by the hypervisor, the cgroup's CPU quota, and the
 * CPU frequency governor and boost. Each file is parsed by a pure function, tested on fixtures;
 * a file that cannot be read gives null, never a failed run.
 */
public final class Environment {
    /** Load average per usable core above which the machine counts as busy. */
    public static final double BUSY_LOAD = 0.5;
    /** Share of CPU time stolen by the hypervisor above which the machine counts as busy. */
    public static final double BUSY_STEAL = 0.05;

    private Environment() {
    }

    /**
     * Where Linux's process file system is ({@value #PROC_PROPERTY}, default {@code /proc}): a test
     * points it at an empty folder to run the suite as on macOS, where there is none.
     */
    public static final String PROC_PROPERTY = "tenfold.proc";

    /** A file under the process file system, e.g. {@code proc("loadavg")}, {@code proc("123", "status")}. */
    public static Path proc(String first, String... more) {
        return Path.of(System.getProperty(PROC_PROPERTY, "/proc")).resolve(Path.of(first, more));
    }

    /** Cores this process may use: {@code Runtime.availableProcessors()} (cgroup quota, cpuset). */
    public static int usableCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The 1-minute load average, from {@code /proc/loadavg}'s first field. */
    public static Double loadAverage(String procLoadavg) {
        try {
            return Double.parseDouble(procLoadavg.trim().split("\\s+")[0]);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * All CPU time, its idle part (idle + iowait) and its stolen part, in ticks, since boot: the
     * {@code cpu} line of {@code /proc/stat}.
     */
    public record CpuTicks(long total, long idle, long steal) {
        /** The share of CPU time stolen between {@code before} and this reading; null when no time passed. */
        public Double stealShareSince(CpuTicks before) {
            long total = this.total - before.total;
            return total <= 0 ? null : (double) (steal - before.steal) / total;
        }
    }

    /**
     * Parses the aggregate {@code cpu} line: user nice system idle iowait irq softirq steal [guest
     * guest_nice]. Guest time is already inside user and nice, so it is not added again.
     */
    public static CpuTicks cpuTicks(String procStat) {
        for (String line : procStat.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 9 && f[0].equals("cpu")) {
                long total = 0;
                for (int i = 1; i <= 8; i++) {
                    total += Long.parseLong(f[i]);
                }
                return new CpuTicks(total, Long.parseLong(f[4]) + Long.parseLong(f[5]), Long.parseLong(f[8]));
            }
        }
        return null;
    }

    /**
     * cgroup v2 {@code cpu.max} ("quota period" or "max period") as cores, e.g. "150000 100000" = 1.5; null when
     * unlimited.
     */
    public static Double cgroupCpuLimit(String cpuMax) {
        String[] f = cpuMax.trim().split("\\s+");
        if (f.length != 2 || f[0].equals("max")) {
            return null;
        }
        try {
            return Double.parseDouble(f[0]) / Double.parseDouble(f[1]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Environment variable with the 1-minute load average when the run was started: the launcher
     * reads it before it builds, so the build's own load does not count as a busy machine.
     */
    public static final String LOAD_AT_START_VARIABLE = "TENFOLD_LOAD_AT_START";

    /**
     * The 1-minute load average per usable core when the run began ({@value #LOAD_AT_START_VARIABLE}
     * when the launcher set it, else now: /proc/loadavg, else the OS's getloadavg through OSHI, as on
     * macOS); null where neither can be read.
     */
    public static Double loadPerCore() {
        String atStart = System.getenv(LOAD_AT_START_VARIABLE);
        String text = atStart != null && !atStart.isBlank() ? atStart : read(proc("loadavg"));
        Double load = text != null ? loadAverage(text) : ProcessTree.systemLoadAverage();
        return load == null ? null : load / usableCores();
    }

    /**
     * The machine's CPU ticks now; null where /proc/stat does not exist (no stolen time is measured: an empty cell, not
     * 0).
     */
    public static CpuTicks cpuTicksNow() {
        String text = read(proc("stat"));
        try {
            return text == null ? null : cpuTicks(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * This process's cgroup CPU quota in cores ("unlimited" when none), the governor, boost and SMT: one line for the
     * CSV.
     */
    public static String cpuPolicy() {
        String cpuMax = read(Path.of("/sys/fs/cgroup/cpu.max"));
        Double limit = cpuMax == null ? null : cgroupCpuLimit(cpuMax);
        String governor = read(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"));
        String boost = read(Path.of("/sys/devices/system/cpu/cpufreq/boost"));
        String smt = read(Path.of("/sys/devices/system/cpu/smt/active"));
        return String.format(Locale.ROOT, "cgroup cpu.max %s; governor %s; boost %s; SMT %s",
                cpuMax == null ? "n/a" : limit == null ? "unlimited" : String.format(Locale.ROOT, "%.2f cores", limit),
                governor == null ? "n/a" : governor.trim(),
                boost == null ? "n/a" : boost.trim().equals("1") ? "on" : "off",
                smt == null ? "n/a" : smt.trim().equals("1") ? "on" : "off");
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
