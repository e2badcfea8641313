package org.dl4jlvm.flows;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@link AffineArithmetic} by ND4J ops on arrays, for large batches or dimensions. */
final class ArrayAffineArithmetic implements AffineArithmetic {
    private final long dimension;
    private final double bound;
    private final boolean carried;
    private final INDArray keep;
    private final INDArray transform;
    private INDArray x;
    private INDArray th;
    private INDArray scale;

    /** keep: the [1, D] 0/1 mask row, outside any workspace. */
    ArrayAffineArithmetic(INDArray keep, double bound, boolean carried) {
        this.dimension = keep.length();
        this.bound = bound;
        this.carried = carried;
        this.keep = keep;
        this.transform = keep.rsub(1.0);
    }

    DataType dataType() {
        return keep.dataType();
    }

    private static INDArray columns(INDArray matrix, long from, long to) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    @Override
    public INDArray maskedInput(INDArray input) {
        x = carried ? columns(input, 0, dimension) : input;
        return x.mulRowVector(keep);
    }

    @Override
    public INDArray output(INDArray input, INDArray h) {
        long d = dimension;
        th = Transforms.tanh(columns(h, 0, d).div(bound), false);
        INDArray logScale = th.mul(bound).muliRowVector(transform);
        scale = Transforms.exp(logScale, true);
        INDArray output = Nd4j.create(x.dataType(), x.size(0), d + 1);
        columns(output, 0, d).assign(x.mul(scale)).addi(columns(h, d, 2 * d).mulRowVector(transform));
        INDArray logDet = logScale.sum(true, 1);
        if (carried) {
            logDet.addi(columns(input, d, d + 1));
        }
        columns(output, d, d + 1).assign(logDet);
        return output;
    }

    @Override
    public INDArray conditionerGradient(INDArray epsilon) {
        long d = dimension;
        INDArray dy = columns(epsilon, 0, d);
        INDArray dh = Nd4j.createUninitialized(epsilon.dataType(), epsilon.size(0), 2 * d);
        columns(dh, 0, d).assign(dy).muli(x).muli(scale).addiColumnVector(columns(epsilon, d, d + 1))
                .muliRowVector(transform).muli(th.mul(th).rsubi(1.0));
        columns(dh, d, 2 * d).assign(dy).muliRowVector(transform);
        return dh;
    }

    @Override
    public INDArray inputGradient(INDArray epsilon, INDArray maskedGradient) {
        long d = dimension;
        INDArray inputGradient = Nd4j.createUninitialized(epsilon.dataType(), epsilon.size(0), carried ? d + 1 : d);
        columns(inputGradient, 0, d).assign(columns(epsilon, 0, d)).muli(scale).addi(maskedGradient.muliRowVector(keep));
        if (carried) {
            columns(inputGradient, d, d + 1).assign(columns(epsilon, d, d + 1));
        }
        return inputGradient;
    }
}
