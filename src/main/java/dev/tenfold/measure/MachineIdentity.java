package dev.tenfold.measure;

import java.util.Locale;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.software.os.OperatingSystem;

/** Who ran the benchmarks: the machine columns of the CSV, read once from OSHI. */
public record MachineIdentity(String host, String os, String cpuModel, int physicalCores, int logicalCores,
                              double memoryGb, String jdk) {

    private static final class Holder {
        static final MachineIdentity CURRENT = read();
    }

    public static MachineIdentity current() {
        return Holder.CURRENT;
    }

    private static MachineIdentity read() {
        SystemInfo system = new SystemInfo();
        OperatingSystem os = system.getOperatingSystem();
        CentralProcessor cpu = system.getHardware().getProcessor();
        String host = os.getNetworkParams().getHostName();
        if (host == null || host.isBlank()) {
            host = "unknown-host";
        }
        host = host.split("\\.")[0];
        String osName = (os.getFamily() + " " + os.getVersionInfo().getVersion()).trim()
                + " (kernel " + System.getProperty("os.version") + ")";
        String model = cpu.getProcessorIdentifier().getName().trim().replaceAll("\\s+", " ");
        double memoryGb = Math.round(system.getHardware().getMemory().getTotal() / (double) (1L << 30) * 10) / 10.0;
        String jdk = System.getProperty("java.vendor", "") + " " + Runtime.version();
        return new MachineIdentity(host, osName, model, cpu.getPhysicalProcessorCount(),
                cpu.getLogicalProcessorCount(), memoryGb, jdk.trim());
    }

    /** The host name made safe for a file name: {@code results/<host>-<timestamp>.csv}. */
    public String fileSafeHost() {
        String safe = host.replaceAll("[^A-Za-z0-9._-]", "-").toLowerCase(Locale.ROOT);
        return safe.isEmpty() ? "host" : safe;
    }
}
