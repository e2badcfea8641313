package org.dl4jlvm.vae;

import java.util.Map;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.DirectScore;
import org.dl4jlvm.core.LogScaleBounds;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The KL head of a conditional VAE with a learned prior p(z | c) = N(mean_p, diag exp(logVariance_p)) (Sohn, Lee and
 * Yan 2015's prior network): input {@code [mean_q | logVariance_q | mean_p | logVariance_p]} (width 4Q), score per
 * example {@code KL(q || p) = 0.5 sum [b(lv_p) - b(lv_q) + (exp(b(lv_q)) + (mean_q - mean_p)^2) exp(-b(lv_p)) - 1]}
 * with the soft bound b of {@link LogScaleBounds}, times beta as {@link KlRegularizerOutputLayer}.
 */
public class ConditionalPriorKlOutputLayer extends KlRegularizerOutputLayer {

    /** For Jackson: beta = 1. */
    public ConditionalPriorKlOutputLayer() {
        super(new FixedSchedule(1.0));
    }

    /** A head whose beta follows the schedule. */
    public ConditionalPriorKlOutputLayer(ISchedule betaSchedule) {
        super(betaSchedule);
    }

    @Override
    public void validate(INDArray input, INDArray labels) {
        Checks.matrix("ConditionalPriorKlOutputLayer '" + getLayerName() + "' input", input);
        if (input.size(1) % 4 != 0) {
            throw new IllegalArgumentException("ConditionalPriorKlOutputLayer '" + getLayerName() + "' input: expected "
                    + "[mean_q | logVariance_q | mean_p | logVariance_p], width 4Q, found width " + input.size(1));
        }
    }

    private static INDArray part(INDArray input, int index) {
        long q = input.size(1) / 4;
        return input.get(NDArrayIndex.all(), NDArrayIndex.interval(index * q, (index + 1) * q));
    }

    @Override
    public INDArray divergence(INDArray input) {
        validate(input, null);
        INDArray lvq = LogScaleBounds.bound(part(input, 1));
        INDArray lvp = LogScaleBounds.bound(part(input, 3));
        INDArray difference = part(input, 0).sub(part(input, 2));
        INDArray ratio = Transforms.exp(lvq, true).addi(difference.muli(difference)).divi(Transforms.exp(lvp, true));
        return ratio.addi(lvp).subi(lvq).subi(1.0).sum(1).muli(0.5);
    }

    /** The KL per example and its gradient, on arrays; the same as {@link #defineLayer}. */
    @Override
    public DirectScore directScore() {
        return divergenceScore(ConditionalPriorKlOutputLayer::gradient);
    }

    private static INDArray gradient(INDArray input) {
        INDArray vq = Transforms.exp(LogScaleBounds.bound(part(input, 1)), false);
        INDArray vp = Transforms.exp(LogScaleBounds.bound(part(input, 3)), false);
        INDArray difference = part(input, 0).sub(part(input, 2));
        INDArray meanGradient = difference.div(vp);
        INDArray lvqGradient = vq.div(vp).subi(1.0).muli(0.5).muli(LogScaleBounds.derivative(part(input, 1)));
        INDArray lvpGradient = vq.addi(difference.muli(difference)).divi(vp).rsubi(1.0).muli(0.5)
                .muli(LogScaleBounds.derivative(part(input, 3)));
        return Nd4j.concat(1, meanGradient, lvqGradient, meanGradient.neg(), lvpGradient);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, SDVariable labels, Map<String, SDVariable> params) {
        long q = input.getShape()[1] / 4;
        SDVariable meanQ = input.get(SDIndex.all(), SDIndex.interval(0L, q));
        SDVariable lvq = LogScaleBounds.bound(sd, input.get(SDIndex.all(), SDIndex.interval(q, 2 * q)));
        SDVariable meanP = input.get(SDIndex.all(), SDIndex.interval(2 * q, 3 * q));
        SDVariable lvp = LogScaleBounds.bound(sd, input.get(SDIndex.all(), SDIndex.interval(3 * q, 4 * q)));
        SDVariable difference = meanQ.sub(meanP);
        SDVariable terms = sd.math.exp(lvq).add(difference.mul(difference)).div(sd.math.exp(lvp)).add(lvp).sub(lvq).sub(1.0);
        SDVariable score = terms.sum(1).mul(0.5).sum();
        score.markAsLoss();
        return score;
    }
}
