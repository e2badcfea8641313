package org.dl4jlvm.likelihood;

import org.dl4jlvm.core.DirectScore;
import org.nd4j.linalg.ops.transforms.Transforms;

import org.dl4jlvm.data.Binarization;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bernoulli observation model on logits, for binary (or [0, 1]) data:
 * {@code -log p(x | l) = sum_d [ softplus(l_d) - x_d l_d ]}, with softplus computed without overflow. The decoder emits logits l (width D); the mean is {@code sigmoid(l)}.
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

    /**
     * The same negative log-likelihood on arrays for training, input the logits and labels the data: per example
     * {@code sum(softplus(l) - x l)}, {@code [batch, 1]}, with gradient {@code sigmoid(l) - x}.
     */
    @Override
    public DirectScore directScore() {
        return DIRECT;
    }

    private static final DirectScore DIRECT = new DirectScore() {
        @Override
        public INDArray perExample(INDArray logits, INDArray data) {
            // softplus(l) = max(l, 0) + log1p(exp(-|l|)): no overflow, two transcendental ops (the gradient is
            // inputGradient's, so the kink of max and abs at 0 does not matter here)
            INDArray softplus = Transforms.log1p(Transforms.exp(Transforms.abs(logits, true).negi(), false), false)
                    .addi(Transforms.relu(logits, true));
            return softplus.subi(data.mul(logits)).sum(true, 1);
        }

        @Override
        public INDArray inputGradient(INDArray logits, INDArray data) {
            return Transforms.sigmoid(logits, true).subi(data);
        }
    };

    @Override
    public SDVariable defineNegLogLikelihood(SameDiff sd, SDVariable data, SDVariable logits) {
        // softplus(l) = m + log(exp(l - m) + exp(-m)) with m = max(l, 0): no overflow, and the derivative through m
        // cancels exactly, so the gradient is sigmoid(l) everywhere; the form max(l, 0) + log1p(exp(-|l|)) would
        // give 0 instead of 1/2 at l = 0, where SameDiff differentiates relu and abs as 0
        SDVariable shift = sd.nn.relu(logits, 0.0);
        SDVariable softplus = sd.math.log(sd.math.exp(logits.sub(shift)).add(sd.math.exp(shift.neg()))).add(shift);
        return softplus.sub(data.mul(logits)).sum(1);
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
