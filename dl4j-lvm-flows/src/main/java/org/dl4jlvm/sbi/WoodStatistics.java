package org.dl4jlvm.sbi;

/**
 * Wood's (2010) summaries of a count series y_1..y_n that do not refer to an observed series: the mean, the number
 * of zeros, the autocovariances at lags 0 to 5 ({@code (1/n) sum_t (y_t - mean)(y_{t+k} - mean)}), and the two
 * least-squares coefficients of {@code y_{t+1}^0.3 = b_1 y_t^0.3 + b_2 y_t^0.6}. A series without two distinct
 * non-zero values leaves that regression undetermined; its coefficients are then 0.
 */
public final class WoodStatistics implements SummaryStatistics {
    static final int LAGS = 5;
    private static final double POWER = 0.3;

    @Override
    public int dimension() {
        return 2 + (LAGS + 1) + 2;
    }

    @Override
    public double[] compute(double[] y) {
        if (y == null || y.length <= LAGS + 1) {
            throw new IllegalArgumentException("series: expected more than " + (LAGS + 1) + " values, found "
                    + (y == null ? "none" : y.length));
        }
        Parameters.check("series", y, y.length);
        int n = y.length;
        double[] s = new double[dimension()];
        double mean = 0;
        for (double value : y) {
            mean += value / n;
            s[1] += value == 0 ? 1 : 0;
        }
        s[0] = mean;
        for (int lag = 0; lag <= LAGS; lag++) {
            double sum = 0;
            for (int t = 0; t + lag < n; t++) {
                sum += (y[t] - mean) * (y[t + lag] - mean);
            }
            s[2 + lag] = sum / n;
        }
        double[] coefficients = autoregression(y);
        s[dimension() - 2] = coefficients[0];
        s[dimension() - 1] = coefficients[1];
        return s;
    }

    /** b_1, b_2 from the 2 x 2 normal equations of the regression above. */
    private static double[] autoregression(double[] y) {
        double a11 = 0;
        double a12 = 0;
        double a22 = 0;
        double c1 = 0;
        double c2 = 0;
        for (int t = 0; t + 1 < y.length; t++) {
            double u = Math.pow(y[t], POWER);
            double v = u * u;
            double target = Math.pow(y[t + 1], POWER);
            a11 += u * u;
            a12 += u * v;
            a22 += v * v;
            c1 += u * target;
            c2 += v * target;
        }
        double determinant = a11 * a22 - a12 * a12;
        if (!(determinant > 1e-12 * a11 * a22)) {
            return new double[] {0, 0};
        }
        return new double[] {(a22 * c1 - a12 * c2) / determinant, (a11 * c2 - a12 * c1) / determinant};
    }
}
