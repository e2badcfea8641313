package org.dl4jlvm.vae;

import org.dl4jlvm.core.DirectScore;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.LogScaleBounds;
import org.dl4jlvm.core.SameDiffFunction;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Closed-form KL divergence of a diagonal Gaussian posterior from the standard normal prior, per example:
 * {@code KL(N(mean, diag exp(logVariance)) || N(0, I)) = 0.5 * sum_q [ exp(lv_q) + mean_q^2 - 1 - lv_q ]},
 * with the log-variance softly bounded to (-20, 20) by {@link LogScaleBounds} (the identity on [-15, 15]). Written
 * in SameDiff ops ({@link #define}, evaluated by {@link #of}) and, for training in {@link KlRegularizerOutputLayer},
 * on arrays with its closed-form gradient ({@link #DIRECT}); the tests hold the two to each other and the gradient
 * to finite differences.
 *
 * <p>Reference: Kingma and Welling, Auto-Encoding Variational Bayes, 2014 (arXiv:1312.6114), appendix B.
 */
public final class GaussianKl {
    private static final SameDiffFunction EVALUATOR = new SameDiffFunction((sd, in) -> define(sd, in[0]));

    private GaussianKl() {
    }

    /** KL per example, shape [batch], of {@code meanLogVariance = [mean | logVariance]} (width 2Q). */
    public static SDVariable define(SameDiff sd, SDVariable meanLogVariance) {
        long latent = LatentWidth.of("meanLogVariance", meanLogVariance.getShape()[1]);
        SDVariable mean = meanLogVariance.get(SDIndex.all(), SDIndex.interval(0L, latent));
        SDVariable logVariance = LogScaleBounds.bound(sd,
                meanLogVariance.get(SDIndex.all(), SDIndex.interval(latent, 2 * latent)));
        SDVariable terms = sd.math.exp(logVariance).add(sd.math.square(mean)).sub(1.0).sub(logVariance);
        return terms.sum(1).mul(0.5);
    }

    /**
     * The same KL as a {@link DirectScore} for training on input {@code [mean | logVariance]}: per example
     * {@code [batch, 1]}, and its gradient {@code [mean | 0.5 (exp(b(lv)) - 1) b'(lv)]} with b the soft bound.
     */
    public static final DirectScore DIRECT = new DirectScore() {
        @Override
        public INDArray perExample(INDArray input, INDArray labels) {
            long latent = input.size(1) / 2;
            INDArray mean = input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent));
            INDArray logVariance = LogScaleBounds.bound(input.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent)));
            INDArray terms = Transforms.exp(logVariance, true).addi(mean.mul(mean)).subi(1.0).subi(logVariance);
            return terms.sum(true, 1).muli(0.5);
        }

        @Override
        public INDArray inputGradient(INDArray input, INDArray labels) {
            long latent = input.size(1) / 2;
            INDArray rawLogVariance = input.get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent));
            INDArray logVarianceGradient = Transforms.exp(LogScaleBounds.bound(rawLogVariance), false).subi(1.0).muli(0.5)
                    .muli(LogScaleBounds.derivative(rawLogVariance));
            return Nd4j.concat(1, input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)).dup(), logVarianceGradient);
        }
    };

    /** KL per example, shape [batch], evaluated on an array {@code [mean | logVariance]}. */
    public static INDArray of(INDArray meanLogVariance) {
        Checks.matrix("meanLogVariance", meanLogVariance);
        LatentWidth.of("meanLogVariance", meanLogVariance.size(1));
        return EVALUATOR.apply(meanLogVariance);
    }
}
