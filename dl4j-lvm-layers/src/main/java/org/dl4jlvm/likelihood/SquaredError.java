package org.dl4jlvm.likelihood;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The squared-error reconstruction loss of a deterministic autoencoder, {@code sum_d (x_d - y_d)^2} per
 * example, with the decoder output y (width D) as the reconstruction. It is a loss, not a normalised
 * likelihood: it equals the negative log-likelihood of a Gaussian with variance 1/2 less the constant
 * {@code (D / 2) log(pi)}, and {@link #sample} draws from that Gaussian. For a normalised Gaussian use
 * {@link GaussianLikelihood}.
 */
public class SquaredError extends Likelihood {
    private static final long serialVersionUID = 1L;

    @Override
    public long parameterWidth(long dataWidth) {
        return dataWidth;
    }

    @Override
    public long dataWidth(long parameterWidth) {
        return parameterWidth;
    }

    @Override
    public SDVariable defineNegLogLikelihood(SameDiff sd, SDVariable data, SDVariable reconstruction) {
        SDVariable error = data.sub(reconstruction);
        return error.mul(error).sum(1);
    }

    @Override
    public INDArray mean(INDArray reconstruction) {
        return reconstruction.dup();
    }

    @Override
    public INDArray sample(INDArray reconstruction, Random random) {
        INDArray noise = Nd4j.randn(random, reconstruction.shape()).castTo(reconstruction.dataType());
        return noise.muli(Math.sqrt(0.5)).addi(reconstruction);
    }

    @Override
    public String toString() {
        return "SquaredError()";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SquaredError;
    }

    @Override
    public int hashCode() {
        return SquaredError.class.hashCode();
    }
}
