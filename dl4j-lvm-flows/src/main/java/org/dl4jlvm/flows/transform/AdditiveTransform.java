package org.dl4jlvm.flows.transform;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Shift: forward (data to latent) {@code y = x + t}, inverse {@code x = y - t}, {@code log|dy/dx| = 0} (volume
 * preserving). One parameter per coordinate, {@code t}.
 *
 * <p>Reference: Dinh, Krueger and Bengio, NICE: Non-linear Independent Components Estimation, 2015 (arXiv:1410.8516).
 */
public class AdditiveTransform implements ElementwiseTransform, HostTransform {
    private static final long serialVersionUID = 1L;

    @Override
    public int parametersPerCoordinate() {
        return 1;
    }

    @Override
    public SDVariable[] forward(SameDiff sd, SDVariable x, SDVariable h, long n) {
        return new SDVariable[] {x.add(ElementwiseTransform.block(h, 0, n)), sd.zerosLike(x)};
    }

    @Override
    public SDVariable[] inverse(SameDiff sd, SDVariable y, SDVariable h, long n) {
        return new SDVariable[] {y.sub(ElementwiseTransform.block(h, 0, n)), sd.zerosLike(y)};
    }

    @Override
    public void forward(double x, double[] p, double[] out) {
        out[0] = x + p[0];
        out[1] = 0.0;
    }

    @Override
    public void backward(double x, double[] p, double dy, double dLogDerivative, double[] gradient) {
        gradient[0] = dy;
        gradient[1] = dy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdditiveTransform;
    }

    @Override
    public int hashCode() {
        return AdditiveTransform.class.hashCode();
    }

    @Override
    public String toString() {
        return "AdditiveTransform";
    }
}
