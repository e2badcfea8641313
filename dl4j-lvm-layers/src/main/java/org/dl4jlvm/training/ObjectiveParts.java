package org.dl4jlvm.training;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The named parts of a model's training objective (for a VAE the reconstruction term, the KL term and beta;
 * for a flow the base log-likelihood and the log-determinant), computed from the activations of one forward
 * pass, as means per example. Read by {@link ObjectivePartsListener}.
 */
public interface ObjectiveParts {

    /** The names of the parts, in the order of {@link #of}. */
    List<String> names();

    /** The parts for one training forward pass: {@code activations} maps vertex names (inputs included) to arrays. */
    double[] of(ComputationGraph graph, Map<String, INDArray> activations);
}
