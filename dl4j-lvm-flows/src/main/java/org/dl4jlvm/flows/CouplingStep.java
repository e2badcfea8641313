package org.dl4jlvm.flows;

import org.dl4jlvm.flows.transform.AffineTransform;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.dl4jlvm.flows.transform.ElementwiseTransform;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Coupling step: a binary mask splits x into a kept part {@code x_a} (mask 1) and a transformed part {@code x_b}
 * (mask 0); the conditioner reads {@code x_a} (and the context) and parameterises the elementwise transform of
 * {@code x_b}: forward (data to latent) {@code y_a = x_a}, {@code y_b = f(x_b; MLP(x_a))}; inverse (latent to data)
 * {@code x_b = f^-1(y_b; MLP(y_a))}. Both directions are one pass. {@code log|det| = sum_b log|f'(x_b)|}. Needs D >= 2
 * and a mask with both parts non-empty. With {@link org.dl4jlvm.flows.transform.AffineTransform} it is RealNVP's
 * coupling, with {@link org.dl4jlvm.flows.transform.AdditiveTransform} NICE's, with
 * {@link org.dl4jlvm.flows.transform.RationalQuadraticSpline} a neural spline flow's (NSF-C).
 *
 * <p>Example: {@code new CouplingStep.Builder().dimension(2).mask(Masks.alternating(2, 0))
 * .transform(new RationalQuadraticSpline(8, 3.0)).hidden(128, 128).build()}.
 *
 * <p>References: Dinh, Sohl-Dickstein and Bengio, Density estimation using Real NVP, 2017 (arXiv:1605.08803);
 * Durkan, Bekasov, Murray and Papamakarios, Neural Spline Flows, 2019 (arXiv:1906.04032).
 */
public class CouplingStep extends ConditionedStep {
    private int[] mask;

    /** For Jackson. */
    public CouplingStep() {
    }

    protected CouplingStep(Base<?> builder, ElementwiseTransform transform) {
        super(builder, transform);
        this.mask = builder.mask;
    }

    @Override
    protected long minimumDimension() {
        return 2;
    }

    @Override
    protected void validateConfiguration() {
        super.validateConfiguration();
        Masks.check(describe() + " mask", mask, dimension());
    }

    /** Kept coordinates degree 1, transformed degree 2: the conditioner reads only the kept ones. */
    @Override
    protected int[] inputDegrees() {
        int[] degrees = new int[mask.length];
        for (int j = 0; j < mask.length; j++) {
            degrees[j] = mask[j] != 0 ? 1 : 2;
        }
        return degrees;
    }

    @Override
    protected boolean[] passedThrough() {
        boolean[] kept = new boolean[mask.length];
        for (int j = 0; j < mask.length; j++) {
            kept[j] = mask[j] != 0;
        }
        return kept;
    }

    @Override
    public SDVariable[] defineForward(SameDiff sd, SDVariable x, SDVariable context, Map<String, SDVariable> params) {
        return pass(sd, x, x, context, params, true);
    }

    /** The kept part is the same on both sides, so the conditioner reads y's. */
    @Override
    public SDVariable[] defineInverse(SameDiff sd, SDVariable y, SDVariable context, Map<String, SDVariable> params) {
        return pass(sd, y, y, context, params, false);
    }

    public int[] getMask() {
        return mask == null ? null : mask.clone();
    }

    public void setMask(int[] mask) {
        this.mask = mask == null ? null : mask.clone();
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Arrays.equals(mask, ((CouplingStep) o).mask);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), Arrays.hashCode(mask));
    }

    /** Builder of a coupling's mask and conditioner. */
    public abstract static class Base<T extends Base<T>> extends ConditionedStep.Builder<T> {
        private int[] mask;

        /** The mask (see {@link Masks}): 1 = kept and conditioning, 0 = transformed; length D. */
        @SuppressWarnings("unchecked")
        public T mask(int... mask) {
            this.mask = mask.clone();
            return (T) this;
        }
    }

    /** Builder of a coupling with any transform (default: affine, log-scale bound 3). */
    public static class Builder extends Base<Builder> {
        private ElementwiseTransform transform = new AffineTransform();

        /** The elementwise transform of the transformed part. */
        public Builder transform(ElementwiseTransform transform) {
            this.transform = Objects.requireNonNull(transform, "transform");
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public CouplingStep build() {
            return new CouplingStep(this, transform);
        }
    }
}
