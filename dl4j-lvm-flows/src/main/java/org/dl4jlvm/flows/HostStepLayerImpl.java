package org.dl4jlvm.flows;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dl4jlvm.core.BatchHalves;
import org.dl4jlvm.core.HostRuntime;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Training runtime of a {@link SameDiffFlowStep} with a {@link HostBijection}: {@link BijectionRuntime}, the step's map
 * on heap arrays with the layout {@code [x | factored | context | logDet]} around it, in place of a SameDiff session,
 * whose bookkeeping and allocations took most of a multi-scale flow's time in its ActNorm, 1x1 and squeeze steps.
 * Batches of at least {@link #HALVES_FROM_VALUES} values run as two halves at once ({@link BatchHalves}). The inverse
 * and the array API still evaluate the SameDiff definition.
 */
public class HostStepLayerImpl extends SameDiffLayer {
    /** Batches of at least this many values (examples times D) run as two halves at once. */
    static final long HALVES_FROM_VALUES = 8_192;
    private HostRuntime runtime;
    /** True after a forward pass, whose state the runtime keeps for backprop. */
    private boolean forwardDone;

    public HostStepLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private SameDiffFlowStep step() {
        return (SameDiffFlowStep) layerConf();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        SameDiffFlowStep step = step();
        step.validateInput(input);
        long d = step.dimension();
        step.prepare(input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)), paramTable, training);
        if (runtime == null) {
            runtime = BatchHalves.of(new BijectionRuntime(step), () -> new BijectionRuntime(step),
                    (HALVES_FROM_VALUES + d - 1) / d);
        }
        INDArray output;
        try (MemoryWorkspace ignored = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            output = runtime.forward(input, paramTable);
        }
        forwardDone = true;
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
