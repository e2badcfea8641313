package org.dl4jlvm.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Argument checks that fail with an {@link IllegalArgumentException} naming the parameter,
 * what was expected and what was found.
 */
public final class Checks {
    private Checks() {
    }

    /** Fails unless {@code array} is a rank-2 matrix [batch, width] with the given width. */
    public static void width(String parameter, INDArray array, long expectedWidth) {
        matrix(parameter, array);
        if (array.size(1) != expectedWidth) {
            throw new IllegalArgumentException(parameter + ": expected width " + expectedWidth
                    + ", found width " + array.size(1) + " (shape " + java.util.Arrays.toString(array.shape()) + ")");
        }
    }

    /** Fails unless {@code array} is a rank-2 matrix [batch, width]. */
    public static void matrix(String parameter, INDArray array) {
        if (array == null) {
            throw new IllegalArgumentException(parameter + ": expected a [batch, width] matrix, found null");
        }
        if (array.rank() != 2) {
            throw new IllegalArgumentException(parameter + ": expected a [batch, width] matrix, found shape "
                    + java.util.Arrays.toString(array.shape()));
        }
    }

    /** Fails if any entry of {@code array} is NaN or infinite. */
    public static void finite(String parameter, INDArray array) {
        if (array == null) {
            return;
        }
        long bad = nonFinite(array);
        if (bad > 0) {
            throw new IllegalArgumentException(parameter + ": expected finite values, found " + bad
                    + " NaN or infinite entries of " + array.length());
        }
    }

    /**
     * The number of NaN and infinite entries of an array. A finite sum of absolute values ({@link Blas#absoluteSum},
     * one vectorised pass) rules them out; only when it is not finite are the entries counted.
     */
    public static long nonFinite(INDArray array) {
        if (!array.dataType().isFPType() || array.isEmpty() || Double.isFinite(Blas.absoluteSum(array))) {
            return 0;
        }
        return Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition(
                array, org.nd4j.linalg.indexing.conditions.Conditions.isNan())).getLong(0)
                + Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition(
                array, org.nd4j.linalg.indexing.conditions.Conditions.isInfinite())).getLong(0);
    }

    /** Fails unless {@code value >= 0} and finite. */
    public static double nonNegative(String parameter, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(parameter + ": must be a finite number >= 0, found " + value);
        }
        return value;
    }

    /** Fails unless {@code value > 0} and finite. */
    public static double positive(String parameter, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(parameter + ": must be a finite number > 0, found " + value);
        }
        return value;
    }

    /** Fails unless {@code value >= 1}. */
    public static int atLeastOne(String parameter, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(parameter + ": must be >= 1, found " + value);
        }
        return value;
    }
}
