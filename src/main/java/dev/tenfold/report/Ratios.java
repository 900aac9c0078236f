package dev.tenfold.report;

import java.util.List;

/**
 * compare's arithmetic: each row's throughput ratio with its 99% interval (Fieller's theorem on the
 * two rows' means, standard errors recovered from {@code throughput_error} and {@code samples}) and
 * its mark, and each family's geometric mean of ratios with its interval.
 */
final class Ratios {
    /** The marks, as the table prints them. */
    static final String FASTER = "+";
    static final String SLOWER = "-";
    static final String WITHIN_NOISE = "~";
    static final String NO_INTERVAL = "?";
    /** Differences smaller than this share are within run-to-run noise, whatever the intervals say. */
    static final double RUN_TO_RUN = 0.05;

    private Ratios() {
    }

    /** One row of another file against the same row of the first: ratio, its interval (or null) and the mark. */
    record RowRatio(double ratio, Statistics.Interval interval, String mark) {
    }

    /** A family's geometric mean of ratios, its interval (null when a row has none), and its row count. */
    record FamilyMean(double geomean, Statistics.Interval interval, int rows) {
    }

    /** A joined pair: the row of another file and the same row of the first. */
    record Ratio(ResultRow row, ResultRow base) {
    }

    /** The ratio of two rows' throughputs with its interval and mark; null when either throughput is missing. */
    static RowRatio rowRatio(ResultRow row, ResultRow base) {
        if (row.throughput() == null || base.throughput() == null || row.throughput() <= 0 || base.throughput() <= 0) {
            return null;
        }
        Statistics.Interval interval = Statistics.ratio(estimate(row), estimate(base));
        double ratio = row.throughput() / base.throughput();
        return new RowRatio(ratio, interval, mark(ratio, interval));
    }

    /**
     * The mark of a ratio: beyond noise when its interval excludes 1 and it differs from 1 by more than the run-to-run
     * floor.
     */
    static String mark(double ratio, Statistics.Interval interval) {
        if (interval == null) {
            return NO_INTERVAL;
        }
        if (interval.low() > 1 && ratio > 1 + RUN_TO_RUN) {
            return FASTER;
        }
        return interval.high() < 1 && ratio < 1 / (1 + RUN_TO_RUN) ? SLOWER : WITHIN_NOISE;
    }

    private static Statistics.Estimate estimate(ResultRow r) {
        return r.estimate();
    }

    /**
     * The geometric mean of a family's ratios and its interval: the mean of the log ratios, whose
     * variance is the sum of each row's (delta method: (se/mean)^2 of both sides) over m^2, with
     * Welch-Satterthwaite degrees of freedom. Null interval when a row has none.
     */
    static FamilyMean familyMean(List<Ratio> pairs) {
        double logSum = 0;
        double variance = 0;
        double dfDenominator = 0;
        boolean complete = true;
        List<Ratio> usable = pairs.stream().filter(p -> rowRatio(p.row(), p.base()) != null).toList();
        boolean unbounded = usable.stream().map(p -> rowRatio(p.row(), p.base()).interval())
                .anyMatch(i -> i != null && Double.isInfinite(i.high()));
        for (Ratio p : usable) {
            logSum += Math.log(p.row().throughput() / p.base().throughput());
            for (Statistics.Estimate e : List.of(estimate(p.row()), estimate(p.base()))) {
                if (Double.isNaN(e.standardError())) {
                    complete = false;
                    continue;
                }
                double v = Math.pow(e.standardError() / e.mean(), 2);
                variance += v;
                dfDenominator += v * v / e.df();
            }
        }
        int m = usable.size();
        double mean = logSum / Math.max(1, m);
        if (!complete || m == 0) {
            return new FamilyMean(Math.exp(mean), null, m);
        }
        if (unbounded) {
            return new FamilyMean(Math.exp(mean), new Statistics.Interval(0, Double.POSITIVE_INFINITY), m);
        }
        double df = dfDenominator == 0 ? 1e9 : variance * variance / dfDenominator;
        double half = Statistics.tQuantile(df) * Math.sqrt(variance) / m;
        return new FamilyMean(Math.exp(mean), new Statistics.Interval(Math.exp(mean - half), Math.exp(mean + half)), m);
    }
}
