package org.dl4jlvm.core;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arithmetic of a dense layer {@code y = f(x W + b)} on arrays, forward and backward, as {@link DenseImpl} and the
 * flows' coupling runtimes run it: products and the bias by {@link Blas} straight into row-major arrays, and
 * {@code f'(z)} from the kept output {@code y} where the activation allows ({@link #derivativeFromOutput}). New arrays
 * go to the current workspace.
 */
public final class DenseMath {
    private static final ActivationReLU PLAIN_RELU = new ActivationReLU();

    private DenseMath() {
    }

    /** {@code x W + b} into {@code z} (shape [batch, nOut]); returns z. */
    public static INDArray preActivation(INDArray x, INDArray weights, INDArray bias, INDArray z) {
        Blas.affine(x, weights, bias, z);
        return z;
    }

    /** {@code a b} or {@code a b^T} by GEMM into a new row-major array. */
    public static INDArray product(INDArray a, INDArray b, boolean transposeB) {
        INDArray result = Nd4j.createUninitialized(a.dataType(), a.size(0), transposeB ? b.size(0) : b.size(1));
        Blas.gemm(a, b, result, false, transposeB, 1.0, 0.0);
        return result;
    }

    /** True for identity, plain ReLU, tanh and sigmoid, whose derivative is a function of the output. */
    public static boolean derivativeFromOutput(IActivation activation) {
        return activation instanceof ActivationIdentity || PLAIN_RELU.equals(activation)
                || activation instanceof ActivationTanH || activation instanceof ActivationSigmoid;
    }

    /**
     * {@code epsilon * f'(z)} from the output {@code y = f(z)}, for an activation that
     * {@link #derivativeFromOutput}: 1, {@code y > 0}, {@code 1 - y^2}, {@code y (1 - y)}. May return epsilon itself.
     */
    public static INDArray deltaFromOutput(IActivation activation, INDArray output, INDArray epsilon) {
        if (activation instanceof ActivationIdentity) {
            return epsilon;
        }
        INDArray derivative = Nd4j.createUninitialized(output.dataType(), output.shape());
        if (PLAIN_RELU.equals(activation)) {
            // the step y > 0 times epsilon, in one Java pass (ND4J's step and product ops took about 60 us together at
            // 256 x 128 inside a 2-D flow's command; its relu_bp op 115 us to 1 ms)
            return ReluBackprop.deltaFromOutput(output, epsilon, derivative);
        }
        Nd4j.exec(new MulOp(output, output, derivative));
        // tanh' = 1 - y^2, sigmoid' = y - y^2
        if (activation instanceof ActivationTanH) {
            derivative.rsubi(1.0);
        } else {
            derivative.rsubi(output);
        }
        return derivative.muli(epsilon);
    }

    /**
     * The parameter gradients of a dense layer for {@code delta = dL/dz}: {@code dW = x^T delta} and
     * {@code db = sum_rows(delta)}, written into the given views.
     */
    public static void parameterGradients(INDArray x, INDArray delta, INDArray weightGradient, INDArray biasGradient) {
        Blas.gemm(x, delta, weightGradient, true, false, 1.0, 0.0);
        Blas.columnSums(delta, biasGradient);
    }
}
