package org.dl4jlvm.flows;

import java.util.Map;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Planar flow step: forward {@code f(x) = x + u_hat tanh(w . x + b)}, with
 * {@code log|det df/dx| = log|1 + u_hat . psi(x)|}, {@code psi(x) = (1 - tanh^2(w . x + b)) w}. The invertibility
 * constraint {@code w . u_hat > -1} holds by construction, {@code u_hat = u + (softplus(w . u) - 1 - w . u) w / |w|^2},
 * so {@code 1 + u_hat . psi > 0} everywhere. Parameters {@code u} and {@code w} ({@code [1, D]}) and {@code b}
 * ({@code [1, 1]}); u and w start uniform in (-1/sqrt(D), 1/sqrt(D)), b at zero.
 *
 * <p>It has no inverse in closed form: {@link #inverse} throws {@link InverseNotAvailableException}. It evaluates the
 * density of points it maps forward, and serves as a VAE's posterior, where only that direction is needed.
 *
 * <p>Reference: Rezende and Mohamed, Variational Inference with Normalizing Flows, 2015 (arXiv:1505.05770), section
 * 4.1 and appendix A.1.
 */
public class PlanarStep extends SameDiffFlowStep {
    public static final String U = "u";
    public static final String W = "w";
    public static final String B = "b";

    /** For Jackson. */
    public PlanarStep() {
    }

    private PlanarStep(Builder builder) {
        super(builder);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        validateConfiguration();
        params.addWeightParam(U, 1, dimension());
        params.addWeightParam(W, 1, dimension());
        params.addBiasParam(B, 1, 1);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        double limit = 1.0 / Math.sqrt(dimension());
        for (String name : new String[] {U, W}) {
            INDArray param = params.get(name);
            param.assign(Nd4j.rand(param.dataType(), param.shape()).muli(2 * limit).subi(limit));
        }
        params.get(B).assign(0);
    }

    /** {@code u_hat = u + (softplus(w . u) - 1 - w . u) w / |w|^2}, {@code [1, D]}. */
    static SDVariable constrainedU(SameDiff sd, SDVariable u, SDVariable w) {
        SDVariable wu = w.mul(u).sum(true, 1);
        SDVariable factor = sd.nn.softplus(wu).sub(1.0).sub(wu).div(w.mul(w).sum(true, 1));
        // [1, 1] x [1, D] as a product: M2.1's gradient of a [1, D] * [1, 1] broadcast was wrong for the [1, 1] side
        return u.add(factor.mmul(w));
    }

    @Override
    public SDVariable[] defineForward(SameDiff sd, SDVariable x, Map<String, SDVariable> params) {
        SDVariable w = params.get(W);
        SDVariable uHat = constrainedU(sd, params.get(U), w);
        SDVariable activation = sd.math.tanh(x.mmul(sd.reshape(w, dimension(), 1)).add(params.get(B)));
        SDVariable y = x.add(activation.mmul(uHat));
        SDVariable slope = activation.mul(activation).rsub(1.0);
        SDVariable logDet = sd.math.log(sd.math.abs(slope.mul(w.mul(uHat).sum(true, 1)).add(1.0)));
        return new SDVariable[] {y, logDet};
    }

    @Override
    public SDVariable[] defineInverse(SameDiff sd, SDVariable y, Map<String, SDVariable> params) {
        throw new InverseNotAvailableException(describe() + ": a planar step has no inverse in closed form; it evaluates "
                + "densities (forward) and serves as a VAE posterior, and a flow that samples needs invertible steps");
    }

    /** Builder: {@code new PlanarStep.Builder().dimension(D).build()}. */
    public static class Builder extends SameDiffFlowStep.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public PlanarStep build() {
            return new PlanarStep(this);
        }
    }
}
