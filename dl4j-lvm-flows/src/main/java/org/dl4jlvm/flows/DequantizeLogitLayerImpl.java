package org.dl4jlvm.flows;

import org.dl4jlvm.core.ParameterFreeLayerImpl;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runtime of {@link DequantizeLogit}. Training draws {@code u ~ U[0, 1)} per entry and keeps it for the
 * backward pass; inference uses {@code u = 1/2}. Backward, with {@code c = dp/dx}:
 * {@code dL/dx = c / (p (1 - p)) * (dL/dy - dL/dlogDet * (1 - 2p))}; the incoming log-det column passes through.
 */
public class DequantizeLogitLayerImpl extends ParameterFreeLayerImpl<DequantizeLogit> {

    private INDArray offset;

    public DequantizeLogitLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private String label() {
        return "DequantizeLogit '" + layerConf().getLayerName() + "'";
    }

    /** The data columns of the input, whose width is checked. */
    private INDArray data() {
        DequantizeLogit conf = layerConf();
        LogDetColumn.checkInput(label(), conf.dimension(), conf.isLogDetCarried(), input);
        return input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, conf.dimension()));
    }

    /** The data columns, checked to lie in [0, 1] (once per forward pass; backprop reuses the checked input). */
    private INDArray checkedData() {
        INDArray x = data();
        double min = x.minNumber().doubleValue();
        double max = x.maxNumber().doubleValue();
        if (!(min >= 0 && max <= 1)) {
            throw new IllegalArgumentException(label() + " input: expected data in [0, 1], found values in [" + min + ", " + max + "]");
        }
        return x;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = checkedData();
        DequantizeLogit conf = layerConf();
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.size(0), conf.dimension() + 1);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            offset = training ? Nd4j.rand(input.dataType(), x.shape()) : Nd4j.valueArrayOf(x.shape(), 0.5, input.dataType());
            FlowOutput result = conf.forward(x, offset);
            output.get(NDArrayIndex.all(), NDArrayIndex.interval(0, conf.dimension())).assign(result.value());
            INDArray logDet = result.logDet();
            if (conf.isLogDetCarried()) {
                logDet.addi(input.get(NDArrayIndex.all(), NDArrayIndex.interval(conf.dimension(), conf.dimension() + 1)));
            }
            output.get(NDArrayIndex.all(), NDArrayIndex.interval(conf.dimension(), conf.dimension() + 1)).assign(logDet);
        }
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (offset == null || offset.size(0) != input.size(0)) {
            throw new IllegalStateException("DequantizeLogit '" + layerConf().getLayerName()
                    + "': backprop needs a forward pass on the same input first");
        }
        DequantizeLogit conf = layerConf();
        long d = conf.dimension();
        INDArray x = data();
        INDArray p = x.mul(conf.getLevels() - 1).addi(offset).divi(conf.getLevels())
                .muli(1 - 2 * conf.getAlpha()).addi(conf.getAlpha());
        INDArray epsilonY = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d));
        INDArray epsilonLogDet = epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(d, d + 1));
        INDArray oneMinus2p = p.mul(-2).addi(1);
        INDArray slope = p.mul(p.rsub(1.0)).rdivi(conf.scale());
        INDArray dx = epsilonY.sub(oneMinus2p.muliColumnVector(epsilonLogDet)).muli(slope);
        INDArray gradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d)).assign(dx);
        if (conf.isLogDetCarried()) {
            gradient.get(NDArrayIndex.all(), NDArrayIndex.interval(d, d + 1)).assign(epsilonLogDet);
        }
        return new Pair<>(new DefaultGradient(), gradient);
    }

    @Override
    public void clear() {
        super.clear();
        offset = null;
    }
}
