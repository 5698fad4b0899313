package io.pandu.effect;

import java.util.List;

/**
 * A figure with its 95 % confidence interval ({@code low}..{@code high}) and the count it rests on
 * ({@code n}); all null when there is nothing to measure ({@code n} = 0).
 */
public record Interval(Double value, Double low, Double high, int n) {
    /** The normal quantile of a two-sided 95 % interval. */
    static final double Z = 1.959963984540054;

    static final Interval NONE = new Interval(null, null, null, 0);

    /** {@code k} of {@code n}, with Wilson's score interval. */
    public static Interval rate(int k, int n) {
        if (n == 0) {
            return NONE;
        }
        double p = k / (double) n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Interval(
                round(p), round(Math.max(0, centre - half)), round(Math.min(1, centre + half)), n);
    }

    /** The mean of {@code values}, with a normal interval (none for fewer than two values). */
    public static Interval mean(List<Integer> values) {
        int n = values.size();
        if (n == 0) {
            return NONE;
        }
        double mean = values.stream().mapToDouble(Integer::doubleValue).average().orElseThrow();
        if (n < 2) {
            return new Interval(round(mean), null, null, 1);
        }
        double half = Z * Math.sqrt(variance(values, mean) / n);
        return new Interval(round(mean), round(mean - half), round(mean + half), n);
    }

    /**
     * {@code a} − {@code b} of two rates with Newcombe's hybrid score interval (from the two Wilson
     * intervals); null without both rates.
     */
    public static Difference rateDifference(Interval a, Interval b) {
        if (a.n() == 0 || b.n() == 0) {
            return null;
        }
        double d = a.value() - b.value();
        double below = Math.sqrt(sq(a.value() - a.low()) + sq(b.high() - b.value()));
        double above = Math.sqrt(sq(a.high() - a.value()) + sq(b.value() - b.low()));
        return new Difference(round(d), round(d - below), round(d + above));
    }

    /**
     * {@code a} − {@code b} of two means with Welch's normal interval; null without two values on
     * each side.
     */
    public static Difference meanDifference(List<Integer> a, List<Integer> b) {
        if (a.size() < 2 || b.size() < 2) {
            return null;
        }
        double ma = a.stream().mapToDouble(Integer::doubleValue).average().orElseThrow();
        double mb = b.stream().mapToDouble(Integer::doubleValue).average().orElseThrow();
        double se = Math.sqrt(variance(a, ma) / a.size() + variance(b, mb) / b.size());
        double d = ma - mb;
        return new Difference(round(d), round(d - Z * se), round(d + Z * se));
    }

    /** A difference between the shown and the held-out deals, with its 95 % interval. */
    public record Difference(double value, double low, double high) {}

    private static double variance(List<Integer> values, double mean) {
        double sum = 0;
        for (int v : values) {
            sum += sq(v - mean);
        }
        return sum / (values.size() - 1);
    }

    private static double sq(double x) {
        return x * x;
    }

    private static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }
}
