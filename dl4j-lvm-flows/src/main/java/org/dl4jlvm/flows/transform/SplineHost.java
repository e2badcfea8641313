package org.dl4jlvm.flows.transform;

/**
 * {@link RationalQuadraticSpline}'s CPU fast path: the spline of one coordinate and its backward pass, in double
 * precision. Same definitions as the SameDiff one (knots from softmax with minimum sizes, the last bin ending exactly
 * at B, interior derivatives {@code MINIMUM + softplus(raw + c)}, the bin chosen by the knots strictly below x, identity
 * outside (-B, B)). Backward, in bin k with {@code xi = (x - X) / w}, {@code s = h / w}, {@code t = xi (1 - xi)},
 * {@code den = s + (d0 + d1 - 2s) t}, {@code N = s xi^2 + d0 t}, {@code y = Y + h N / den},
 * {@code D2 = d1 xi^2 + 2 s t + d0 (1 - xi)^2}, {@code log y' = 2 log s + log D2 - 2 log den}: the gradients with
 * respect to xi, s, d0 and d1 combine the upstream gradients of y and of {@code log y'}; x, the knot X and the width w
 * enter through xi and s, h through s and directly; then through the cumulative sums and the softmax of the raw widths
 * and heights, and the softplus of the raw derivatives.
 */
final class SplineHost {
    private final int bins;
    private final double bound;
    private final double shift = RationalQuadraticSpline.derivativeShift();

    SplineHost(int bins, double bound) {
        this.bins = bins;
        this.bound = bound;
    }

    /** Left knots [K] and sizes [K] of one axis from raw sizes {@code p[from .. from + K - 1]}; fills {@code fractions}. */
    private void knots(double[] p, int from, double[] fractions, double[] left, double[] size) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < bins; k++) {
            max = Math.max(max, p[from + k]);
        }
        double total = 0;
        for (int k = 0; k < bins; k++) {
            fractions[k] = Math.exp(p[from + k] - max);
            total += fractions[k];
        }
        double cumulative = 0;
        for (int k = 0; k < bins; k++) {
            double softmax = fractions[k] / total;
            fractions[k] = softmax;
            double fraction = softmax * (1 - RationalQuadraticSpline.MINIMUM * bins) + RationalQuadraticSpline.MINIMUM;
            left[k] = cumulative * 2 * bound - bound;
            size[k] = k == bins - 1 ? bound - left[k] : fraction * 2 * bound;
            cumulative += fraction;
        }
    }

    private double derivative(double[] p, int knot) {
        if (knot == 0 || knot == bins) {
            return 1.0;
        }
        return softplus(p[2 * bins + knot - 1] + shift) + RationalQuadraticSpline.MINIMUM;
    }

    private static double softplus(double v) {
        return v > 30 ? v : Math.log1p(Math.exp(v));
    }

    private static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    /** The bin of v among left knots (the first always counts, the others when strictly below v). */
    private int bin(double v, double[] left) {
        int k = 0;
        while (k + 1 < bins && v > left[k + 1]) {
            k++;
        }
        return k;
    }

    void forward(double x, double[] p, double[] out) {
        if (!(x > -bound && x < bound)) {
            out[0] = x;
            out[1] = 0.0;
            return;
        }
        double[] widthFractions = new double[bins];
        double[] xLeft = new double[bins];
        double[] width = new double[bins];
        double[] heightFractions = new double[bins];
        double[] yLeft = new double[bins];
        double[] height = new double[bins];
        knots(p, 0, widthFractions, xLeft, width);
        knots(p, bins, heightFractions, yLeft, height);
        int k = bin(x, xLeft);
        double w = width[k];
        double h = height[k];
        double d0 = derivative(p, k);
        double d1 = derivative(p, k + 1);
        double xi = (x - xLeft[k]) / w;
        double s = h / w;
        double t = xi * (1 - xi);
        double den = s + (d0 + d1 - 2 * s) * t;
        double n = s * xi * xi + d0 * t;
        out[0] = yLeft[k] + h * n / den;
        double d2 = d1 * xi * xi + 2 * s * t + d0 * (1 - xi) * (1 - xi);
        out[1] = Math.log(s * s * d2) - 2 * Math.log(den);
    }

    void backward(double x, double[] p, double dy, double dl, double[] gradient) {
        java.util.Arrays.fill(gradient, 0.0);
        if (!(x > -bound && x < bound)) {
            gradient[0] = dy;
            return;
        }
        double[] widthFractions = new double[bins];
        double[] xLeft = new double[bins];
        double[] width = new double[bins];
        double[] heightFractions = new double[bins];
        double[] yLeft = new double[bins];
        double[] height = new double[bins];
        knots(p, 0, widthFractions, xLeft, width);
        knots(p, bins, heightFractions, yLeft, height);
        int k = bin(x, xLeft);
        double w = width[k];
        double h = height[k];
        double d0 = derivative(p, k);
        double d1 = derivative(p, k + 1);
        double xi = (x - xLeft[k]) / w;
        double s = h / w;
        double t = xi * (1 - xi);
        double dt = 1 - 2 * xi;
        double c = d0 + d1 - 2 * s;
        double den = s + c * t;
        double n = s * xi * xi + d0 * t;
        double d2 = d1 * xi * xi + 2 * s * t + d0 * (1 - xi) * (1 - xi);

        // y = Y + h N / den and log y' = 2 log s + log D2 - 2 log den, by xi, s, d0, d1
        double yN = h / den;
        double yDen = -h * n / (den * den);
        double gXi = dy * (yN * (2 * s * xi + d0 * dt) + yDen * c * dt)
                + dl * ((2 * d1 * xi + 2 * s * dt - 2 * d0 * (1 - xi)) / d2 - 2 * c * dt / den);
        double gS = dy * (yN * xi * xi + yDen * (1 - 2 * t)) + dl * (2 / s + 2 * t / d2 - 2 * (1 - 2 * t) / den);
        double gD0 = dy * (yN * t + yDen * t) + dl * ((1 - xi) * (1 - xi) / d2 - 2 * t / den);
        double gD1 = dy * yDen * t + dl * (xi * xi / d2 - 2 * t / den);

        gradient[0] = gXi / w;
        double gLeftX = -gXi / w;
        double gWidth = -gXi * xi / w - gS * s / w;
        double gLeftY = dy;
        double gHeight = dy * n / den + gS / w;
        axis(widthFractions, k, gLeftX, gWidth, gradient, 1);
        axis(heightFractions, k, gLeftY, gHeight, gradient, 1 + bins);
        derivativeGradient(p, k, gD0, gradient);
        derivativeGradient(p, k + 1, gD1, gradient);
    }

    /**
     * Gradients of the raw sizes of one axis (written from {@code gradient[offset]}) from those of bin k's left knot
     * and size: through {@code left_k = -B + 2B sum_{j<k} f_j}, {@code size_k = 2B f_k} (the last bin: {@code B - left}),
     * {@code f = MIN + (1 - MIN K) softmax}.
     */
    private void axis(double[] softmax, int k, double gLeft, double gSize, double[] gradient, int offset) {
        double[] gFraction = new double[bins];
        for (int j = 0; j < k; j++) {
            gFraction[j] += 2 * bound * gLeft;
        }
        if (k == bins - 1) {
            for (int j = 0; j < k; j++) {
                gFraction[j] -= 2 * bound * gSize;
            }
        } else {
            gFraction[k] += 2 * bound * gSize;
        }
        double scale = 1 - RationalQuadraticSpline.MINIMUM * bins;
        double dot = 0;
        for (int j = 0; j < bins; j++) {
            dot += softmax[j] * gFraction[j] * scale;
        }
        for (int j = 0; j < bins; j++) {
            gradient[offset + j] = softmax[j] * (gFraction[j] * scale - dot);
        }
    }

    private void derivativeGradient(double[] p, int knot, double g, double[] gradient) {
        if (knot == 0 || knot == bins) {
            return;
        }
        int at = 2 * bins + knot - 1;
        gradient[1 + at] += g * sigmoid(p[at] + shift);
    }
}
