package org.dl4jlvm.examples;

import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.flows.ImageShape;
import org.dl4jlvm.flows.MultiScale;
import org.dl4jlvm.flows.StepFactory;

/** The flows the flow commands train: {@link FlowGraphBuilder.Kind}'s presets and the multi-scale image flow. */
enum FlowKind {
    REALNVP, NICE, GLOW, NSF, NSF_AR, MAF, IAF,
    /** {@link MultiScale}: levels of squeeze, Glow steps with convolutional couplings, and a split; images only. */
    MULTISCALE;

    /** Fashion-MNIST's images, one channel of 28 x 28. */
    static final ImageShape FASHION = ImageShape.of(1, 28, 28);

    /** The step factory of this kind for {@code data}; a MULTISCALE step is a level of {@code stepsPerLevel} steps. */
    StepFactory factory(FlowData data, int stepsPerLevel) {
        if (this != MULTISCALE) {
            return FlowGraphBuilder.Kind.valueOf(name());
        }
        if (!data.images || data.conditional()) {
            throw new IllegalArgumentException("--kind MULTISCALE: expected images (--dataset fashion), found "
                    + data.description + (data.conditional() ? " with a context" : ""));
        }
        return new MultiScale(FASHION, stepsPerLevel);
    }
}
