package org.dl4jlvm.flows.transform;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Monotone rational-quadratic spline with K bins on [-B, B] and identity tails outside. Per coordinate 3K - 1
 * parameters: K bin widths and K heights (softmax, then at least {@value #MINIMUM} of 2B each), and K - 1 interior
 * knot derivatives ({@code MINIMUM + softplus(raw + c)}, c chosen so that raw = 0 gives 1); the derivatives at -B and B
 * are 1, so the spline meets its tails with slope 1, and h = 0 gives the identity. The knots are pinned exactly at -B
 * and B. In bin k, with {@code xi = (x - x_k) / w_k} and {@code s_k = h_k / w_k}:
 * <pre>
 *   y = y_k + h_k (s_k xi^2 + d_k xi (1 - xi)) / (s_k + (d_k+1 + d_k - 2 s_k) xi (1 - xi))
 *   dy/dx = s_k^2 (d_k+1 xi^2 + 2 s_k xi (1 - xi) + d_k (1 - xi)^2) / (s_k + (d_k+1 + d_k - 2 s_k) xi (1 - xi))^2
 * </pre>
 * and the inverse by the stable root {@code xi = 2c / (-b - sqrt(b^2 - 4ac))} of the quadratic in xi. Inputs outside
 * [-B, B] are replaced by 0 before the spline arithmetic and pass unchanged, so their gradients stay finite even when
 * a whole batch lies outside.
 *
 * <p>Reference: Durkan, Bekasov, Murray and Papamakarios, Neural Spline Flows, 2019 (arXiv:1906.04032), section 3.1.
 */
public class RationalQuadraticSpline implements ElementwiseTransform, HostTransform {
    private static final long serialVersionUID = 1L;
    /** The smallest bin width and height (as a fraction of 2B) and knot derivative. */
    public static final double MINIMUM = 1e-3;
    private int bins = 8;
    private double bound = 5.0;
    private transient SplineHost host;

    /** For Jackson: 8 bins on [-5, 5]. */
    public RationalQuadraticSpline() {
    }

    /** K >= 2 bins on [-B, B], B > 0. */
    public RationalQuadraticSpline(int bins, double bound) {
        setBins(bins);
        setBound(bound);
    }

    @Override
    public int parametersPerCoordinate() {
        return 3 * bins - 1;
    }

    /** The shift c with {@code MINIMUM + softplus(c) = 1}. */
    static double derivativeShift() {
        return Math.log(Math.expm1(1.0 - MINIMUM));
    }

    @Override
    public SDVariable[] forward(SameDiff sd, SDVariable x, SDVariable h, long n) {
        return apply(sd, x, h, n, true);
    }

    @Override
    public SDVariable[] inverse(SameDiff sd, SDVariable y, SDVariable h, long n) {
        return apply(sd, y, h, n, false);
    }

    /** The knots of one axis, {@code {left edges, sizes}}, each {@code [batch, K, n]}, from raw sizes {@code [batch, K, n]}. */
    private SDVariable[] knots(SameDiff sd, SDVariable raw) {
        SDVariable fraction = sd.nn.softmax(raw, 1).mul(1 - MINIMUM * bins).add(MINIMUM);
        SDVariable left = sd.cumsum(fraction, true, false, 1).mul(2 * bound).sub(bound);
        // every bin but the last has its own size; the last ends exactly at B
        SDVariable last = constant(sd, raw, k -> k == bins - 1 ? 1.0 : 0.0);
        SDVariable size = fraction.mul(2 * bound).mul(last.rsub(1.0)).add(left.rsub(bound).mul(last));
        return new SDVariable[] {left, size};
    }

    /** A {@code [1, K, 1]} constant of the data type of {@code like}. */
    private SDVariable constant(SameDiff sd, SDVariable like, java.util.function.IntToDoubleFunction value) {
        double[] values = new double[bins];
        for (int k = 0; k < bins; k++) {
            values[k] = value.applyAsDouble(k);
        }
        INDArray array = Nd4j.createFromArray(values).reshape(1, bins, 1).castTo(like.dataType());
        return sd.constant(array);
    }

    /** {@code sum_k onehot_k q_k}: q's value in each element's bin, {@code [batch, n]}. */
    private static SDVariable inBin(SDVariable onehot, SDVariable q) {
        return onehot.mul(q).sum(1);
    }

    private SDVariable[] apply(SameDiff sd, SDVariable input, SDVariable h, long n, boolean forward) {
        SDVariable rawWidths = sd.reshape(ElementwiseTransform.blocks(h, 0, bins, n), -1, bins, n);
        SDVariable rawHeights = sd.reshape(ElementwiseTransform.blocks(h, bins, bins, n), -1, bins, n);
        SDVariable rawDerivatives = sd.reshape(ElementwiseTransform.blocks(h, 2 * bins, bins - 1, n), -1, bins - 1, n);
        SDVariable[] xKnots = knots(sd, rawWidths);
        SDVariable[] yKnots = knots(sd, rawHeights);
        SDVariable interior = sd.nn.softplus(rawDerivatives.add(derivativeShift())).add(MINIMUM);
        SDVariable one = sd.zerosLike(sd.reshape(input, -1, 1, n)).add(1.0);
        SDVariable lower = sd.concat(1, one, interior);
        SDVariable upper = sd.concat(1, interior, one);

        // outside [-B, B]: identity; the spline sees 0 there instead
        SDVariable inside = sd.math.step(input.add(bound), 0.0).mul(sd.math.step(input.rsub(bound), 0.0));
        SDVariable clamped = input.mul(inside);
        SDVariable[] searched = forward ? xKnots : yKnots;
        SDVariable onehot = bin(sd, clamped, searched[0], n);
        SDVariable xk = inBin(onehot, xKnots[0]);
        SDVariable wk = inBin(onehot, xKnots[1]);
        SDVariable yk = inBin(onehot, yKnots[0]);
        SDVariable hk = inBin(onehot, yKnots[1]);
        SDVariable dk = inBin(onehot, lower);
        SDVariable dk1 = inBin(onehot, upper);
        SDVariable slope = hk.div(wk);
        SDVariable curvature = dk1.add(dk).sub(slope.mul(2));
        SDVariable xi;
        SDVariable image;
        if (forward) {
            xi = clamped.sub(xk).div(wk);
            SDVariable xiOneMinus = xi.mul(xi.rsub(1.0));
            SDVariable numerator = hk.mul(slope.mul(xi).mul(xi).add(dk.mul(xiOneMinus)));
            image = yk.add(numerator.div(slope.add(curvature.mul(xiOneMinus))));
        } else {
            SDVariable offset = clamped.sub(yk);
            SDVariable a = hk.mul(slope.sub(dk)).add(offset.mul(curvature));
            SDVariable b = hk.mul(dk).sub(offset.mul(curvature));
            SDVariable c = slope.neg().mul(offset);
            // rounding may take the discriminant a hair below zero at a knot
            SDVariable discriminant = sd.nn.relu(b.mul(b).sub(a.mul(c).mul(4)), 0.0);
            xi = c.mul(2).div(b.neg().sub(sd.math.sqrt(discriminant)));
            image = xi.mul(wk).add(xk);
        }
        SDVariable xiOneMinus = xi.mul(xi.rsub(1.0));
        SDVariable denominator = slope.add(curvature.mul(xiOneMinus));
        SDVariable derivativeNumerator = slope.mul(slope).mul(dk1.mul(xi).mul(xi).add(slope.mul(2).mul(xiOneMinus))
                .add(dk.mul(xi.rsub(1.0)).mul(xi.rsub(1.0))));
        SDVariable logDerivative = sd.math.log(derivativeNumerator).sub(sd.math.log(denominator).mul(2));
        if (!forward) {
            logDerivative = logDerivative.neg();
        }
        SDVariable outside = inside.rsub(1.0);
        return new SDVariable[] {image.mul(inside).add(input.mul(outside)), logDerivative.mul(inside)};
    }

    /**
     * The one-hot bin of each element, {@code [batch, K, n]}: the number of left edges at or below the value (the first
     * always counts) picks the bin. Built from step functions, which pass no gradient, so the search is not
     * differentiated.
     */
    private SDVariable bin(SameDiff sd, SDVariable value, SDVariable left, long n) {
        SDVariable first = constant(sd, left, k -> k == 0 ? 1.0 : 0.0);
        SDVariable atOrAbove = sd.math.step(sd.reshape(value, -1, 1, n).sub(left), 0.0).mul(first.rsub(1.0)).add(first);
        SDVariable count = atOrAbove.sum(true, 1);
        return sd.math.step(count.sub(constant(sd, left, k -> k + 0.5)), 0.0)
                .sub(sd.math.step(count.sub(constant(sd, left, k -> k + 1.5)), 0.0));
    }

    private SplineHost host() {
        if (host == null) {
            host = new SplineHost(bins, bound);
        }
        return host;
    }

    @Override
    public void forward(double x, double[] p, double[] out) {
        host().forward(x, p, out);
    }

    @Override
    public void backward(double x, double[] p, double dy, double dLogDerivative, double[] gradient) {
        host().backward(x, p, dy, dLogDerivative, gradient);
    }

    public int getBins() {
        return bins;
    }

    /** {@code bins}, or an error naming it unless K >= 2. */
    public static int checkBins(int bins) {
        if (bins < 2) {
            throw new IllegalArgumentException("bins: expected K >= 2, found " + bins);
        }
        return bins;
    }

    /** {@code bound}, or an error naming it unless it is a finite B > 0. */
    public static double checkBound(double bound) {
        if (!(bound > 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("bound: expected a finite B > 0, found " + bound);
        }
        return bound;
    }

    public void setBins(int bins) {
        this.bins = checkBins(bins);
        this.host = null;
    }

    /** The half-width B of the spline's interval [-B, B]. */
    public double getBound() {
        return bound;
    }

    public void setBound(double bound) {
        this.bound = checkBound(bound);
        this.host = null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RationalQuadraticSpline && ((RationalQuadraticSpline) o).bins == bins
                && ((RationalQuadraticSpline) o).bound == bound;
    }

    @Override
    public int hashCode() {
        return 31 * bins + Double.hashCode(bound);
    }

    @Override
    public String toString() {
        return "RationalQuadraticSpline(bins=" + bins + ", bound=" + bound + ")";
    }
}
