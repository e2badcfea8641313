package org.dl4jlvm.flows;

import java.util.List;
import java.util.Map;
import org.dl4jlvm.training.ObjectiveParts;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parts of a flow's loss {@code -(log N(z; 0, I) + logDet)} on a training minibatch, as means per example in
 * nats: {@code baseLogLikelihood} ({@code log N(z; 0, I)}) and {@code logDet}. The score is their negated sum.
 */
public final class FlowObjectiveParts implements ObjectiveParts {
    private final String last;

    /** The parts of the flow graph's single chain (see {@link Flow}). */
    public FlowObjectiveParts(ComputationGraph graph) {
        List<String> steps = new Flow(graph).steps();
        this.last = steps.get(steps.size() - 1);
    }

    @Override
    public List<String> names() {
        return List.of("baseLogLikelihood", "logDet");
    }

    @Override
    public double[] of(ComputationGraph graph, Map<String, INDArray> activations) {
        INDArray zAndLogDet = activations.get(last);
        long d = zAndLogDet.size(1) - 1;
        INDArray z = zAndLogDet.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d));
        double logDet = zAndLogDet.get(NDArrayIndex.all(), NDArrayIndex.point(d)).meanNumber().doubleValue();
        double base = -0.5 * z.mul(z).sum(1).meanNumber().doubleValue() - 0.5 * d * Math.log(2 * Math.PI);
        return new double[] {base, logDet};
    }
}
