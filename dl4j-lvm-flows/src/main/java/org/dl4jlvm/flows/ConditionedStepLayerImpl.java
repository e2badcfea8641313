package org.dl4jlvm.flows;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dl4jlvm.core.BatchHalves;
import org.dl4jlvm.core.HostRuntime;
import org.dl4jlvm.flows.conditioner.HostConditioner;
import org.dl4jlvm.flows.transform.HostTransform;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training runtime of a {@link ConditionedStep} whose transform is a {@link HostTransform}: the forward direction and
 * its backward pass written out ({@link CouplingRuntime}), in place of a SameDiff session per step and direction, whose
 * bookkeeping took most of the time for a step of small arrays. The conditioner runs on ND4J arrays and OpenBLAS
 * ({@link HostConditioner}); the elementwise part around it is {@link HostElementwise}. Batches from the conditioner's
 * {@link HostConditioner#halvesFrom} on run as two halves at once ({@link BatchHalves}). The parameters are the
 * SameDiff runtime's; the inverse and the array API still evaluate the SameDiff definition, and the tests hold both
 * runtimes to the same values and gradients.
 */
public class ConditionedStepLayerImpl extends SameDiffLayer {
    private HostRuntime runtime;
    /** True between a training forward pass and its backward pass. */
    private boolean forwardDone;

    public ConditionedStepLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private ConditionedStep step() {
        return (ConditionedStep) layerConf();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        ConditionedStep step = step();
        step.validateInput(input);
        if (runtime == null) {
            CouplingRuntime first = new CouplingRuntime(step);
            runtime = BatchHalves.of(first, () -> new CouplingRuntime(step), first.halvesFrom());
        }
        INDArray output;
        // everything the backward pass keeps lives in the activations workspace, open until backprop ends
        try (MemoryWorkspace ignored = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            output = runtime.forward(input, paramTable);
            forwardDone = true;
        }
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!forwardDone) {
            throw new IllegalStateException(step().getLayerName() + ": backpropGradient before a training forward pass");
        }
        INDArray inputGradient = runtime.backward(epsilon, gradTable);
        Gradient gradient = new DefaultGradient();
        for (String param : paramTable.keySet()) {
            gradient.gradientForVariable().put(param, gradTable.get(param));
        }
        return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGradient));
    }

    @Override
    public void clear() {
        super.clear();
        forwardDone = false;
        if (runtime != null) {
            runtime.clear();
        }
    }
}
