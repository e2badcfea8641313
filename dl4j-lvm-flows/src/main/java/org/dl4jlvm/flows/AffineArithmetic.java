package org.dl4jlvm.flows;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The elementwise part of a training step of {@link AffineCoupling} around its conditioner MLP, forward then backward,
 * with keep mask m and t = 1 - m (the formulas are in {@link AffineCouplingLayerImpl}). The input is {@code [n, D]},
 * or {@code [n, D + 1]} when the log-det column is carried. New arrays go to the current workspace.
 *
 * <p>Two runtimes compute the same values: {@link ArrayAffineArithmetic} with ND4J ops, for large arrays, and
 * {@link HostAffineArithmetic} with Java loops, for small ones, where ND4J's cost per op (5 to 15 us) outweighs the
 * work.
 */
interface AffineArithmetic {
    /** Arrays of at most this many elements ({@code n D}) go to {@link HostAffineArithmetic}. */
    long HOST_LIMIT = 4096;

    /** {@code x m}, the conditioner's input; remembers x. */
    INDArray maskedInput(INDArray input);

    /** {@code [y | logDet]} from the conditioner's output {@code h = [raw | shift]}; remembers what backward needs. */
    INDArray output(INDArray input, INDArray h);

    /** {@code dL/dh} for {@code epsilon = [dy | dLogDet]}. */
    INDArray conditionerGradient(INDArray epsilon);

    /** {@code dL/dinput} from epsilon and the gradient of the masked input {@code x m}. */
    INDArray inputGradient(INDArray epsilon, INDArray maskedGradient);
}
