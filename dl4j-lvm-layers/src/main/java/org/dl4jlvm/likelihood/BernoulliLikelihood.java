package org.dl4jlvm.likelihood;

import org.dl4jlvm.data.Binarization;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bernoulli observation model on logits, for binary (or [0, 1]) data:
 * {@code -log p(x | l) = sum_d [ max(l_d, 0) - x_d l_d + log(1 + exp(-|l_d|)) ]}, the numerically stable
 * form of {@code softplus(l) - x l}. The decoder emits logits l (width D); the mean is {@code sigmoid(l)}.
 *
 * <p>Reference: Kingma and Welling, Auto-Encoding Variational Bayes, 2014 (arXiv:1312.6114), appendix C.1.
 */
public class BernoulliLikelihood extends Likelihood {
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
    public SDVariable defineNegLogLikelihood(SameDiff sd, SDVariable data, SDVariable logits) {
        SDVariable positivePart = sd.nn.relu(logits, 0.0);
        SDVariable logTerm = sd.math.log1p(sd.math.exp(sd.math.abs(logits).neg()));
        return positivePart.sub(data.mul(logits)).add(logTerm).sum(1);
    }

    @Override
    public INDArray mean(INDArray logits) {
        return Transforms.sigmoid(logits, true);
    }

    @Override
    public INDArray sample(INDArray logits, Random random) {
        return Binarization.sample(mean(logits), random);
    }

    @Override
    public String toString() {
        return "BernoulliLikelihood()";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BernoulliLikelihood;
    }

    @Override
    public int hashCode() {
        return BernoulliLikelihood.class.hashCode();
    }
}
