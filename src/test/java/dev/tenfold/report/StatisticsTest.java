package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The interval of a mean, of a ratio of means (Fieller), and the steady-state test, on known data. */
class StatisticsTest {

    @Test
    void theIntervalOfAMeanIsStudentsT() {
        // 10, 12, 14: mean 12, sd 2, se 2/sqrt(3); t(0.995, 2) = 9.925
        Statistics.Estimate e = Statistics.estimate(new double[] {10, 12, 14});
        assertEquals(12, e.mean(), 1e-12);
        assertEquals(2 / Math.sqrt(3), e.standardError(), 1e-12);
        assertEquals(9.9248 * 2 / Math.sqrt(3), e.halfWidth(), 1e-3);
        assertEquals(2.5758, Statistics.tQuantile(1e9), 1e-3, "many samples: the normal quantile");
        assertTrue(Double.isNaN(Statistics.estimate(new double[] {5}).halfWidth()), "one sample: no interval");
    }

    @Test
    void anIntervalRecoveredFromTheCsvIsTheSameEstimate() {
        Statistics.Estimate e = Statistics.estimate(new double[] {100, 104, 98, 101, 97});
        Statistics.Estimate back = Statistics.Estimate.fromInterval(e.mean(), e.halfWidth(), e.n());
        assertEquals(e.standardError(), back.standardError(), 1e-12);
        assertTrue(Double.isNaN(Statistics.Estimate.fromInterval(100, null, 1).standardError()));
    }

    @Test
    void fiellersIntervalHoldsTheRatioAndWidensWithNoise() {
        Statistics.Estimate a = new Statistics.Estimate(8, 200, 1);
        Statistics.Estimate b = new Statistics.Estimate(8, 20, 0.1);
        Statistics.Interval tight = Statistics.ratio(a, b);
        assertTrue(tight.contains(10) && tight.low() > 9.6 && tight.high() < 10.4, tight.toString());
        Statistics.Interval wide = Statistics.ratio(new Statistics.Estimate(8, 200, 10), b);
        assertTrue(wide.low() < tight.low() && wide.high() > tight.high(), wide.toString());
        // Fieller's interval is not symmetric: the upper side is longer when the denominator is noisy.
        Statistics.Interval skew = Statistics.ratio(new Statistics.Estimate(8, 200, 0.001),
                new Statistics.Estimate(8, 20, 2));
        assertTrue(skew.high() - 10 > 10 - skew.low(), skew.toString());
        assertNull(Statistics.ratio(new Statistics.Estimate(1, 200, Double.NaN), b), "one sample: no interval");
        Statistics.Interval unbounded = Statistics.ratio(a, new Statistics.Estimate(3, 1, 1));
        assertEquals(Double.POSITIVE_INFINITY, unbounded.high(), "a denominator that may be zero bounds nothing");
    }

    @Test
    void fiellersIntervalCoversTheTrueRatioAboutNinetyNineTimesInAHundred() {
        Random random = new Random(42);
        int covered = 0;
        int trials = 4000;
        for (int t = 0; t < trials; t++) {
            double[] a = new double[5];
            double[] b = new double[5];
            for (int i = 0; i < 5; i++) {
                a[i] = 1000 + 50 * random.nextGaussian();
                b[i] = 100 + 5 * random.nextGaussian();
            }
            if (Statistics.ratio(Statistics.estimate(a), Statistics.estimate(b)).contains(10)) {
                covered++;
            }
        }
        double coverage = covered / (double) trials;
        assertTrue(coverage > 0.975 && coverage < 0.999, "coverage " + coverage);
    }

    @Test
    void aFlatSeriesIsSteadyAndATrendingOneIsNot() {
        assertTrue(Statistics.trend(List.of(new double[] {100, 103, 98, 101, 99, 102, 100, 97})).steady());
        double[] warming = {5968, 6500, 7000, 7400, 7800, 8000, 8050, 8086};
        Statistics.Trend trend = Statistics.trend(List.of(warming));
        assertFalse(trend.steady());
        assertTrue(trend.drift() > 0.2 && trend.significant(), "the trend is measured, not only flagged: " + trend);
        assertEquals(6, trend.df());
        Statistics.Trend falling = Statistics.trend(List.of(new double[] {110, 105, 100, 95, 90}));
        assertTrue(falling.drift() < -0.1 && !falling.steady(), "a falling series drifts down");
        // Two forks at different levels, each flat: the level is JVM-to-JVM variation, not a trend.
        assertTrue(Statistics.trend(List.of(new double[] {100, 101, 99, 100},
                new double[] {130, 131, 129, 130})).steady());
        // Large swings without a significant slope: noise, not a trend.
        Statistics.Trend noisy = Statistics.trend(List.of(new double[] {80, 140, 70, 150, 90, 160, 60, 130}));
        assertTrue(noisy.steady() && Math.abs(noisy.drift()) > 0.1, noisy.toString());
        assertNull(Statistics.trend(List.of(new double[] {100})), "one sample: no trend can be told");
    }

    @Test
    void aRateOfSumsHasTheErrorOfARatio() {
        // three iterations: 100 tasks in 1 s, 220 in 2 s, 90 in 1 s: 410 tasks in 4 s
        Statistics.Estimate rate = Statistics.rate(new double[] {100, 220, 90}, new double[] {1, 2, 1});
        assertEquals(102.5, rate.mean(), 1e-12);
        // residuals 100 - 102.5, 220 - 205, 90 - 102.5 = -2.5, 15, -12.5; mean time 4/3
        double expected = Math.sqrt((2.5 * 2.5 + 15 * 15 + 12.5 * 12.5) / (3 * 2)) / (4.0 / 3);
        assertEquals(expected, rate.standardError(), 1e-12);
        Statistics.Estimate even = Statistics.rate(new double[] {100, 110, 90}, new double[] {1, 1, 1});
        assertEquals(Statistics.estimate(new double[] {100, 110, 90}).standardError(), even.standardError(), 1e-12,
                "equal windows: the plain standard error of the per-iteration rates");
    }

    @Test
    void withForksTheIntervalIsThatOfTheForkRates() {
        // fork 1: 100 tasks in 1 s + 110 in 1 s = 105/s; fork 2: 90/s twice; fork 3: 120/s twice
        List<double[]> work = List.of(new double[] {100, 110}, new double[] {90, 90}, new double[] {120, 120});
        List<double[]> time = List.of(new double[] {1, 1}, new double[] {1, 1}, new double[] {1, 1});
        Statistics.Estimate e = Statistics.rateOverForks(work, time);
        assertEquals(3, e.n(), "the fork is the unit");
        assertEquals(630.0 / 6, e.mean(), 1e-12);
        // fork rates 105, 90, 120: sd 15, se 15/sqrt(3); half-width t(0.995, 2) x se
        assertEquals(15 / Math.sqrt(3), e.standardError(), 1e-12);
        assertEquals(9.9248 * 15 / Math.sqrt(3), e.halfWidth(), 1e-3);
        // the samples alone (6 of them, t with 5 df) would claim a narrower interval
        Statistics.Estimate pooled = Statistics.rate(new double[] {100, 110, 90, 90, 120, 120},
                new double[] {1, 1, 1, 1, 1, 1});
        assertTrue(pooled.halfWidth() < e.halfWidth() / 2, pooled + " vs " + e);
    }

    @Test
    void aForkRateWeighsItsSamplesByTheirTime() {
        // 100 tasks in 2 s and 50 in 0.5 s: 150 / 2.5 = 60/s, not the mean of 50/s and 100/s
        List<double[]> work = List.of(new double[] {100, 50}, new double[] {60, 60});
        List<double[]> time = List.of(new double[] {2, 0.5}, new double[] {1, 1});
        Statistics.Estimate e = Statistics.rateOverForks(work, time);
        // fork rates 60 and 60: no spread between forks
        assertEquals(0, e.standardError(), 1e-12);
        assertEquals(270 / 4.5, e.mean(), 1e-12);
    }

    @Test
    void oneForkFallsBackToItsSamples() {
        List<double[]> work = List.of(new double[] {100, 104, 98});
        List<double[]> time = List.of(new double[] {1, 1, 1});
        Statistics.Estimate e = Statistics.rateOverForks(work, time);
        assertEquals(3, e.n());
        assertEquals(Statistics.rate(work.get(0), time.get(0)).standardError(), e.standardError(), 1e-12);
        Statistics.Estimate means = Statistics.meanOverForks(List.of(new double[] {10, 12, 14}));
        assertEquals(2 / Math.sqrt(3), means.standardError(), 1e-12);
    }

    @Test
    void theMeanOverForksTakesItsErrorFromTheForkMeans() {
        // fork means 11, 13, 15 (sd 2), each from two samples that differ by 2
        Statistics.Estimate e = Statistics.meanOverForks(List.of(new double[] {10, 12}, new double[] {12, 14},
                new double[] {14, 16}));
        assertEquals(3, e.n());
        assertEquals(13, e.mean(), 1e-12);
        assertEquals(2 / Math.sqrt(3), e.standardError(), 1e-12);
    }
}
