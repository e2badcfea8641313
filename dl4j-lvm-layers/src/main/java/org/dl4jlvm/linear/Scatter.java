package org.dl4jlvm.linear;

import org.dl4jlvm.core.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The mean and the scatter matrix {@code S = sum_n (x_n - mean)(x_n - mean)^T} of data seen one batch at a
 * time, in a single pass and double precision. Sums are taken about a shift (the first batch's mean), so that
 * data far from the origin keep their precision: {@code S = sum (x - c)(x - c)^T - N (mean - c)(mean - c)^T}. The
 * products are computed by {@link DoubleProducts}.
 */
public final class Scatter {
    private INDArray shift;
    private INDArray sum;
    private INDArray products;
    private long count;

    /** Adds the rows of {@code batch} [n, D]; fails on NaN or infinite values or a width that changed. */
    public Scatter add(INDArray batch) {
        Checks.matrix("data", batch);
        Checks.finite("data", batch);
        if (batch.size(0) == 0) {
            return this;
        }
        INDArray x = batch.castTo(DataType.DOUBLE);
        if (shift == null) {
            shift = x.mean(0);
            sum = Nd4j.zeros(DataType.DOUBLE, x.size(1));
            products = Nd4j.zeros(DataType.DOUBLE, x.size(1), x.size(1));
        }
        Checks.width("data", x, shift.length());
        INDArray centred = x.subRowVector(shift);
        sum.addi(centred.sum(0));
        products.addi(DoubleProducts.transposeTimesSelf(centred));
        count += x.size(0);
        return this;
    }

    /** Number of rows added so far. */
    public long count() {
        return count;
    }

    /** Data width D; fails before any data. */
    public long width() {
        requireData();
        return shift.length();
    }

    /** The mean of all rows, shape [D]. */
    public INDArray mean() {
        requireData();
        return sum.div(count).addi(shift);
    }

    /** The scatter matrix about the mean, shape [D, D]. */
    public INDArray scatter() {
        requireData();
        INDArray offset = sum.div(count).reshape(1, shift.length());
        return products.sub(DoubleProducts.transposeTimesSelf(offset).muli(count));
    }

    private void requireData() {
        if (count == 0) {
            throw new IllegalArgumentException("data: expected at least one example, found none");
        }
    }
}
