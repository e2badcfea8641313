package org.dl4jlvm.flows;

import java.util.Map;
import org.dl4jlvm.core.HostRuntime;
import org.dl4jlvm.flows.conditioner.HostConditioner;
import org.dl4jlvm.flows.transform.HostTransform;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link ConditionedStep}'s CPU training runtime on a batch, {@code [x | factored | context | logDet]} in and out:
 * the conditioner's runtime ({@link HostConditioner}) with the elementwise part around it ({@link HostElementwise}).
 */
final class CouplingRuntime implements HostRuntime {
    private final HostElementwise elementwise;
    private final HostConditioner network;

    CouplingRuntime(ConditionedStep step) {
        this.elementwise = new HostElementwise((HostTransform) step.getTransform(), step.passedThrough(),
                (int) step.getFactoredOut(), (int) step.getContextWidth(), step.isLogDetCarried(),
                step.getTransform().parametersPerCoordinate());
        this.network = step.conditioner().host(step.getActivation().getActivationFunction());
    }

    /** The conditioner's {@link HostConditioner#halvesFrom}. */
    long halvesFrom() {
        return network.halvesFrom();
    }

    @Override
    public INDArray forward(INDArray input, Map<String, INDArray> parameters) {
        return elementwise.output(network.forward(elementwise.networkInput(input), parameters));
    }

    @Override
    public INDArray backward(INDArray dOutput, Map<String, INDArray> gradients) {
        return elementwise.inputGradient(network.backward(elementwise.conditionerGradient(dOutput), gradients));
    }

    @Override
    public void clear() {
        network.clear();
    }
}
