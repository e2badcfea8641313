package org.dl4jlvm.flows.transform;

import java.util.Arrays;

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

    /** What evaluating the spline at one point inside (-B, B) needs: the knots, the bin and its quantities. */
    private final class Bin {
        final double[] widthFractions = new double[bins];
        final double[] heightFractions = new double[bins];
        final int k;
        final double w;
        final double h;
        final double d0;
        final double d1;
        final double xi;
        final double s;
        final double t;
        final double den;
        final double n;
        final double d2;
        final double y;

        Bin(double x, double[] p) {
            double[] xLeft = new double[bins];
            double[] width = new double[bins];
            double[] yLeft = new double[bins];
            double[] height = new double[bins];
            knots(p, 0, widthFractions, xLeft, width);
            knots(p, bins, heightFractions, yLeft, height);
            k = bin(x, xLeft);
            w = width[k];
            h = height[k];
            d0 = derivative(p, k);
            d1 = derivative(p, k + 1);
            xi = (x - xLeft[k]) / w;
            s = h / w;
            t = xi * (1 - xi);
            den = s + (d0 + d1 - 2 * s) * t;
            n = s * xi * xi + d0 * t;
            d2 = d1 * xi * xi + 2 * s * t + d0 * (1 - xi) * (1 - xi);
            y = yLeft[k] + h * n / den;
        }

        double logDerivative() {
            return Math.log(s * s * d2) - 2 * Math.log(den);
        }
    }

    private boolean inside(double x) {
        return x > -bound && x < bound;
    }

    void forward(double x, double[] p, double[] out) {
        if (!inside(x)) {
            out[0] = x;
            out[1] = 0.0;
            return;
        }
        Bin bin = new Bin(x, p);
        out[0] = bin.y;
        out[1] = bin.logDerivative();
    }

    void backward(double x, double[] p, double dy, double dl, double[] gradient) {
        Arrays.fill(gradient, 0.0);
        if (!inside(x)) {
            gradient[0] = dy;
            return;
        }
        Bin b = new Bin(x, p);
        double xi = b.xi;
        double s = b.s;
        double t = b.t;
        double dt = 1 - 2 * xi;
        double c = b.d0 + b.d1 - 2 * s;
        // y = Y + h N / den and log y' = 2 log s + log D2 - 2 log den, by xi, s, d0, d1
        double yN = b.h / b.den;
        double yDen = -b.h * b.n / (b.den * b.den);
        double gXi = dy * (yN * (2 * s * xi + b.d0 * dt) + yDen * c * dt)
                + dl * ((2 * b.d1 * xi + 2 * s * dt - 2 * b.d0 * (1 - xi)) / b.d2 - 2 * c * dt / b.den);
        double gS = dy * (yN * xi * xi + yDen * (1 - 2 * t)) + dl * (2 / s + 2 * t / b.d2 - 2 * (1 - 2 * t) / b.den);
        double gD0 = dy * (yN * t + yDen * t) + dl * ((1 - xi) * (1 - xi) / b.d2 - 2 * t / b.den);
        double gD1 = dy * yDen * t + dl * (xi * xi / b.d2 - 2 * t / b.den);

        gradient[0] = gXi / b.w;
        double gLeftX = -gXi / b.w;
        double gWidth = -gXi * xi / b.w - gS * s / b.w;
        double gLeftY = dy;
        double gHeight = dy * b.n / b.den + gS / b.w;
        axis(b.widthFractions, b.k, gLeftX, gWidth, gradient, 1);
        axis(b.heightFractions, b.k, gLeftY, gHeight, gradient, 1 + bins);
        derivativeGradient(p, b.k, gD0, gradient);
        derivativeGradient(p, b.k + 1, gD1, gradient);
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
