package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic of compare's ratios, against hand-computed values. */
class RatiosTest {

    /** A row of {@code throughput} tasks/s over 3 forks whose standard error is 1% of it. */
    private static ResultRow row(double throughput) throws Exception {
        double halfWidth = 0.01 * throughput * Statistics.tQuantile(2); // se = half-width / t(2 df)
        return RowCopy.with(ReportTest.fixtureRows(ReportTest.MACHINE).get(1),
                Map.of("throughput", throughput, "throughputError", halfWidth, "forks", 3));
    }

    /**
     * Ratios 2 and 3, each side with a 1% standard error: the geometric mean is sqrt(6); the log
     * mean's variance is 4 x 0.01^2 / m^2 with m = 2, so its half-width is t x 0.02 / 2 = 0.01 t,
     * at Welch-Satterthwaite df = (4e-4)^2 / (4 x 1e-8 / 2) = 8, t(0.995, 8) = 3.3553873313.
     */
    @Test
    void aFamilysGeometricMeanAndItsIntervalByTheDeltaMethod() throws Exception {
        Ratios.FamilyMean mean = Ratios.familyMean(List.of(
                new Ratios.Ratio(row(200), row(100)), new Ratios.Ratio(row(300), row(100))));
        assertEquals(2, mean.rows());
        assertEquals(Math.sqrt(6), mean.geomean(), 1e-12);
        assertEquals(2.368663474582481, mean.interval().low(), 1e-9);   // sqrt(6) x exp(-0.0335538733)
        assertEquals(2.533074058170127, mean.interval().high(), 1e-9);  // sqrt(6) x exp(+0.0335538733)
    }
}
