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

/**
 * Training runtime of a {@link Standardization} on nd4j-native: {@code y = (x - mean) / scale} and its backward pass
 * {@code dL/dx = dL/dy / scale} as Java loops over the rows, in place of two SameDiff sessions (a forward and a
 * gradient one), which took an eighth of a 2-D MAF's training step for these few arithmetic operations. The context
 * columns and the log-det column pass through; the step adds {@code -sum log scale} to the latter. The inverse and
 * the array API still evaluate the SameDiff definition, against which the bijector contract tests hold this runtime.
 */
public class StandardizationLayerImpl extends SameDiffLayer {

    public StandardizationLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private Standardization step() {
        return (Standardization) layerConf();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Standardization step = step();
        step.validateInput(input);
        int rows = (int) input.size(0);
        int d = (int) step.dimension();
        int passed = (int) (step.getFactoredOut() + step.getContextWidth());
        int inWidth = (int) input.size(1);
        int outWidth = d + passed + 1;
        double[] mean = step.getMean();
        double[] scale = step.getScale();
        double logDet = -step.sumLogScale();
        double[] in = HostMatrix.read(input);
        double[] out = new double[rows * outWidth];
        for (int i = 0; i < rows; i++) {
            int from = i * inWidth;
            int to = i * outWidth;
            for (int j = 0; j < d; j++) {
                out[to + j] = (in[from + j] - mean[j]) / scale[j];
            }
            System.arraycopy(in, from + d, out, to + d, passed);
            out[to + d + passed] = step.isLogDetCarried() ? in[from + d + passed] + logDet : logDet;
        }
        try (MemoryWorkspace ignored = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
            return HostMatrix.create(out, rows, outWidth, input.dataType());
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Standardization step = step();
        int rows = (int) epsilon.size(0);
        int d = (int) step.dimension();
        int outWidth = (int) epsilon.size(1);
        int inWidth = (int) input.size(1);
        double[] scale = step.getScale();
        double[] upstream = HostMatrix.read(epsilon);
        double[] gradient = new double[rows * inWidth];
        for (int i = 0; i < rows; i++) {
            int from = i * outWidth;
            int to = i * inWidth;
            for (int j = 0; j < d; j++) {
                gradient[to + j] = upstream[from + j] / scale[j];
            }
            // the factored-out coordinates, the context and the carried log-det enter the output unchanged
            System.arraycopy(upstream, from + d, gradient, to + d, inWidth - d);
        }
        INDArray inputGradient = HostMatrix.create(gradient, rows, inWidth, epsilon.dataType());
        return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGradient));
    }
}
