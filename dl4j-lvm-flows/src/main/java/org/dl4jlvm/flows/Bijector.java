package org.dl4jlvm.flows;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contract of every flow step: an invertible map of {@code R^D} that, from its own parameters, computes
 * both directions and the log-determinant of each.
 *
 * <p>Direction: {@link #forward} maps data to latent ({@code x -> z}, used for density evaluation and
 * training); {@link #inverse} maps latent to data (used for sampling). TensorFlow Probability uses the
 * opposite convention.
 *
 * <p>Both take a {@code [batch, D]} matrix and the step's parameters (as in the layer's parameter table)
 * and return the image and {@code log|det J|} per example as a {@code [batch, 1]} column; the inverse's
 * log-determinant is minus the forward one at the corresponding point. A conditional step also reads a context,
 * {@code [batch, C]} (C = {@link #contextWidth()}); a step without context takes null.
 */
public interface Bijector {

    /** The dimension D of the vectors this step maps. */
    long dimension();

    /**
     * The width of the vectors {@link #forward} and {@link #inverse} take: D, or more when the step carries coordinates
     * it leaves unchanged (a multi-scale flow's factored-out ones, {@link SameDiffFlowStep#getFactoredOut()}).
     */
    default long width() {
        return dimension();
    }

    /** The width C of the context the step reads or carries; 0 for none. */
    default long contextWidth() {
        return 0;
    }

    /** {@code x -> (y, log|det dy/dx|)}: data towards latent, given the context (null when C = 0). */
    FlowOutput forward(INDArray x, INDArray context, Map<String, INDArray> params);

    /** {@code y -> (x, log|det dx/dy|)}: latent towards data, given the context (null when C = 0). */
    FlowOutput inverse(INDArray y, INDArray context, Map<String, INDArray> params);

    /** {@link #forward(INDArray, INDArray, Map)} without context. */
    default FlowOutput forward(INDArray x, Map<String, INDArray> params) {
        return forward(x, null, params);
    }

    /** {@link #inverse(INDArray, INDArray, Map)} without context. */
    default FlowOutput inverse(INDArray y, Map<String, INDArray> params) {
        return inverse(y, null, params);
    }
}
