package dev.tenfold.report;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The statistics behind every figure the verdict uses: the mean of independent units (forks) with its
 * 99% confidence interval (Student's t), the interval of a ratio of two such means (Fieller's
 * theorem), and a test for samples that still trend (no steady state yet).
 */
public final class Statistics {
    /** Every interval the suite prints or writes is a 99% one. */
    public static final double CONFIDENCE = 0.99;
    /**
     * A series is not steady when its least-squares line moves more than this share of the mean
     * from the first sample to the last, and the trend is significant.
     */
    public static final double MAX_DRIFT = 0.10;

    private Statistics() {
    }

    /** n samples, their mean, and the standard error of that mean (NaN below two samples). */
    public record Estimate(int n, double mean, double standardError) {
        /** Half-width of the {@link #CONFIDENCE} interval of the mean; NaN below two samples. */
        public double halfWidth() {
            return n < 2 ? Double.NaN : tQuantile(n - 1) * standardError;
        }

        /** Degrees of freedom of the standard error. */
        public int df() {
            return n - 1;
        }

        /**
         * An estimate from a value, the 99% half-width and the count of independent units it was
         * computed from (the CSV's throughput, throughput_error, and forks, or samples for a row of
         * one fork): the standard error is recovered.
         */
        public static Estimate fromInterval(double mean, Double halfWidth, Integer samples) {
            if (halfWidth == null || samples == null || samples < 2) {
                return new Estimate(samples == null ? 1 : samples, mean, Double.NaN);
            }
            return new Estimate(samples, mean, halfWidth / tQuantile(samples - 1));
        }
    }

    /** The lower and upper end of an interval; infinite when the data cannot bound it. */
    public record Interval(double low, double high) {
        public boolean contains(double x) {
            return low <= x && x <= high;
        }
    }

    public static Estimate estimate(double[] samples) {
        int n = samples.length;
        double mean = 0;
        for (double s : samples) {
            mean += s;
        }
        mean /= n;
        if (n < 2) {
            return new Estimate(n, mean, Double.NaN);
        }
        double squares = 0;
        for (double s : samples) {
            squares += (s - mean) * (s - mean);
        }
        return new Estimate(n, mean, Math.sqrt(squares / (n - 1) / n));
    }

    /** The two-sided {@link #CONFIDENCE} quantile of Student's t with {@code df} degrees of freedom. */
    public static double tQuantile(double df) {
        return new TDistribution(null, df).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
    }

    /**
     * The {@link #CONFIDENCE} interval of {@code a.mean / b.mean} for independent estimates, by
     * Fieller's theorem: the set of ratios r for which a - r b is not significantly different from
     * zero, with Welch-Satterthwaite degrees of freedom for the variance of a - r b. Unlike a
     * bootstrap it stays honest with 3 to 10 samples; it is unbounded above when b itself is not
     * significantly above zero. Null when either side has no standard error (one sample).
     */
    public static Interval ratio(Estimate a, Estimate b) {
        if (Double.isNaN(a.standardError()) || Double.isNaN(b.standardError()) || b.mean() <= 0) {
            return null;
        }
        double r = a.mean() / b.mean();
        double va = a.standardError() * a.standardError();
        double vb = b.standardError() * b.standardError();
        double vr = va + r * r * vb;
        double df = vr == 0 ? Double.POSITIVE_INFINITY
                : vr * vr / (va * va / a.df() + (r * r * vb) * (r * r * vb) / b.df());
        double t = df == Double.POSITIVE_INFINITY ? 2.5758293035489 : tQuantile(df);
        double t2 = t * t;
        double denominator = b.mean() * b.mean() - t2 * vb;
        if (denominator <= 0) {
            return new Interval(0, Double.POSITIVE_INFINITY);
        }
        double discriminant = a.mean() * a.mean() * vb + b.mean() * b.mean() * va - t2 * va * vb;
        double root = Math.sqrt(Math.max(0, discriminant)) * t;
        return new Interval((a.mean() * b.mean() - root) / denominator, (a.mean() * b.mean() + root) / denominator);
    }

    /**
     * A trend across samples taken in order: {@code drift} is the least-squares slope (fitted
     * within each fork, forks pooled around their own means, so a fork that is simply faster is not
     * a trend) times the span of the longest series, over the mean of all samples; {@code t} is the
     * slope over its standard error, with {@code df} = samples - forks - 1.
     */
    public record Trend(double drift, double t, int df) {
        /** The slope differs from zero at 95% (two-sided): a warning should not miss much. */
        public boolean significant() {
            return df >= 1 && Math.abs(t) > new TDistribution(null, df).inverseCumulativeProbability(0.975);
        }

        /**
         * Steady unless the samples drift by more than {@link #MAX_DRIFT} of their mean and the trend is significant.
         */
        public boolean steady() {
            return Math.abs(drift) <= MAX_DRIFT || !significant();
        }
    }

    /** The trend of the samples, one series per JVM fork; null when no fork has two samples. */
    public static Trend trend(List<double[]> seriesPerFork) {
        double sxy = 0;
        double sxx = 0;
        double sum = 0;
        int count = 0;
        int longest = 0;
        for (double[] series : seriesPerFork) {
            int n = series.length;
            longest = Math.max(longest, n);
            double meanX = (n - 1) / 2.0;
            double meanY = mean(series);
            for (int i = 0; i < n; i++) {
                sxy += (i - meanX) * (series[i] - meanY);
                sxx += (i - meanX) * (i - meanX);
                sum += series[i];
                count++;
            }
        }
        if (sxx == 0 || sum == 0) {
            return null;
        }
        double slope = sxy / sxx;
        double residuals = 0;
        for (double[] series : seriesPerFork) {
            double meanX = (series.length - 1) / 2.0;
            double meanY = mean(series);
            for (int i = 0; i < series.length; i++) {
                double r = series[i] - meanY - slope * (i - meanX);
                residuals += r * r;
            }
        }
        int df = count - seriesPerFork.size() - 1;
        double t = df < 1 ? 0 : residuals == 0 ? Double.POSITIVE_INFINITY * Math.signum(slope)
                : slope / Math.sqrt(residuals / df / sxx);
        return new Trend(slope * (longest - 1) / (sum / count), t, df);
    }

    /**
     * The rate of summed work over summed time, sum(work) / sum(time), and its standard error as a
     * ratio estimator: from the residuals work_i - R time_i, so that an iteration that ran longer
     * weighs more, exactly as it does in the rate itself.
     */
    public static Estimate rate(double[] work, double[] time) {
        int n = work.length;
        double workSum = 0;
        double timeSum = 0;
        for (int i = 0; i < n; i++) {
            workSum += work[i];
            timeSum += time[i];
        }
        double rate = workSum / timeSum;
        if (n < 2) {
            return new Estimate(n, rate, Double.NaN);
        }
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double e = work[i] - rate * time[i];
            squares += e * e;
        }
        return new Estimate(n, rate, Math.sqrt(squares / (n * (n - 1.0))) / (timeSum / n));
    }

    /**
     * The rate of summed work over summed time across every fork's samples, with the standard error
     * of the fork rates (each fork's summed work over its summed time) when there are two forks or
     * more: the fork is the unit of replication. One fork: the ratio estimator over its samples
     * ({@link #rate}), which holds only the variation within that JVM.
     */
    public static Estimate rateOverForks(List<double[]> work, List<double[]> time) {
        double[] allWork = work.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
        double[] allTime = time.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
        Estimate pooled = rate(allWork, allTime);
        if (work.size() < 2) {
            return pooled;
        }
        double[] forkRates = new double[work.size()];
        for (int f = 0; f < forkRates.length; f++) {
            forkRates[f] = sum(work.get(f)) / sum(time.get(f));
        }
        return new Estimate(forkRates.length, pooled.mean(), estimate(forkRates).standardError());
    }

    /**
     * The mean of every sample, with the standard error of the fork means when there are two forks
     * or more (see {@link #rateOverForks}); one fork: that of its samples.
     */
    public static Estimate meanOverForks(List<double[]> samplesPerFork) {
        double[] all = samplesPerFork.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
        if (samplesPerFork.size() < 2) {
            return estimate(all);
        }
        double[] forkMeans = samplesPerFork.stream().mapToDouble(Statistics::mean).toArray();
        return new Estimate(forkMeans.length, mean(all), estimate(forkMeans).standardError());
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }
}
