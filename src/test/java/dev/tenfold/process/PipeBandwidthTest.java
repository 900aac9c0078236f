package dev.tenfold.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The raw pipe into a child JVM: a finite, plausible rate, and the sink JVM gone afterwards. */
class PipeBandwidthTest {

    @Test
    void aPipeCarriesTensOfMebibytesPerSecondAtLeastAndTheSinkEnds() throws Exception {
        long before = ProcessHandle.current().children().count();
        double mibPerSecond = PipeBandwidth.mibPerSecond(8 << 20, 3);
        assertTrue(mibPerSecond > 10 && Double.isFinite(mibPerSecond), "MiB/s: " + mibPerSecond);
        assertTrue(ProcessHandle.current().children().count() <= before, "the sink JVM ended with the measurement");
    }
}
