package org.dl4jlvm.flows;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Training runtime of a {@link SameDiffFlowStep} with a {@link HostBijection}: the step's map on heap arrays, and
 * around it, once for every such step, the layout {@code [x | factored | context | logDet]}: the factored-out
 * coordinates and the context pass unchanged, the step's log-det is added to the carried one, and the input gradient
 * gets {@code dL/dlogDet} back on the carried column. In place of a SameDiff session, whose bookkeeping and allocations
 * took most of a multi-scale flow's time in its ActNorm, 1x1 and squeeze steps. The inverse and the array API still
 * evaluate the SameDiff definition.
 */
public class HostStepLayerImpl extends SameDiffLayer {
    private HostBijection map;
    private int rows;
    /** True after a forward pass, whose state the map keeps for backprop. */
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
        int d = (int) step.dimension();
        step.prepare(input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)), paramTable, training);
        if (map == null) {
            map = step.host();
        }
        rows = (int) input.size(0);
        int carried = (int) (step.carriedWidth() - d);
        int in = (int) input.size(1);
        double[] values = HostMatrix.read(input);
        double[] x = new double[rows * d];
        double[] logDet = new double[rows];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(values, i * in, x, i * d, d);
            logDet[i] = step.isLogDetCarried() ? values[i * in + in - 1] : 0.0;
        }
        double[] y = map.forward(x, rows, paramTable, logDet);
        int out = d + carried + 1;
        double[] output = new double[rows * out];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(y, i * d, output, i * out, d);
            System.arraycopy(values, i * in + d, output, i * out + d, carried);
            output[i * out + out - 1] = logDet[i];
        }
        forwardDone = true;
        try (MemoryWorkspace ignored = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            return HostMatrix.create(output, rows, out, input.dataType());
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!forwardDone) {
            throw new IllegalStateException(step().getLayerName() + ": backpropGradient before a training forward pass");
        }
        SameDiffFlowStep step = step();
        int d = (int) step.dimension();
        int carried = (int) (step.carriedWidth() - d);
        int out = d + carried + 1;
        int in = (int) input.size(1);
        double[] values = HostMatrix.read(epsilon);
        double[] dy = new double[rows * d];
        double[] dLogDet = new double[rows];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(values, i * out, dy, i * d, d);
            dLogDet[i] = values[i * out + out - 1];
        }
        double[] dx = map.backward(dy, dLogDet, rows, gradTable);
        double[] inputGradient = new double[rows * in];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(dx, i * d, inputGradient, i * in, d);
            System.arraycopy(values, i * out + d, inputGradient, i * in + d, carried);
            if (step.isLogDetCarried()) {
                inputGradient[i * in + in - 1] = dLogDet[i];
            }
        }
        Gradient gradient = new DefaultGradient();
        for (String param : paramTable.keySet()) {
            gradient.gradientForVariable().put(param, gradTable.get(param));
        }
        return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD,
                HostMatrix.create(inputGradient, rows, in, input.dataType())));
    }

    @Override
    public void clear() {
        super.clear();
        forwardDone = false;
    }
}
