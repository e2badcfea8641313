package org.dl4jlvm.flows.conditioner;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

/**
 * A DL4J activation as SameDiff ops, equal to the activation function the CPU runtimes and DL4J's layers apply.
 * {@code Activation.asSameDiff} serves all but one: in DL4J 1.0.0-M2.1 its {@code LEAKYRELU} sets every negative input
 * to 0, where {@code ActivationLReLU} multiplies it by 0.01, so here it is {@code leakyRelu} with that slope.
 */
public final class SameDiffActivation {
    private SameDiffActivation() {
    }

    /** {@code activation(x)}; throws UnsupportedOperationException for one that SameDiff lacks. */
    public static SDVariable apply(Activation activation, SameDiff sd, SDVariable x) {
        if (activation == Activation.LEAKYRELU) {
            return sd.nn.leakyRelu(x, ActivationLReLU.DEFAULT_ALPHA);
        }
        return activation.asSameDiff(sd, x);
    }
}
