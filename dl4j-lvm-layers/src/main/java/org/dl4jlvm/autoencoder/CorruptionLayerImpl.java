package org.dl4jlvm.autoencoder;

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

/**
 * Runtime of {@link CorruptionLayer}. Training forward: {@code x + noise} (Gaussian) or
 * {@code x * keep + (1 - keep) * replacement} (masking, salt-and-pepper); backward: {@code dL/dx = dL/dy} or
 * {@code dL/dy * keep}, with the {@code keep} mask of the forward pass. Inference: the identity.
 */
public class CorruptionLayerImpl extends ParameterFreeLayerImpl<CorruptionLayer> {

    /** 1 where the input passed through unchanged, 0 where it was replaced; null for Gaussian noise. */
    private INDArray keep;

    public CorruptionLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        CorruptionLayer config = layerConf();
        INDArray output = workspaceMgr.dup(ArrayType.ACTIVATIONS, input);
        if (!training) {
            return output;
        }
        DataType type = input.dataType();
        if (config.getKind() == CorruptionLayer.Kind.GAUSSIAN) {
            keep = null;
            return output.addi(Nd4j.randn(type, input.shape()).muli(config.getLevel()));
        }
        INDArray replacement;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            keep = Nd4j.rand(type, input.shape()).gte(config.getLevel()).castTo(type);
            replacement = Nd4j.zeros(type, input.shape());
            if (config.getKind() == CorruptionLayer.Kind.SALT_AND_PEPPER) {
                INDArray salt = Nd4j.rand(type, input.shape()).lt(0.5).castTo(type);
                replacement.assign(salt.muli(config.getHigh() - config.getLow()).addi(config.getLow()));
            }
        }
        return output.muli(keep).addi(replacement.muli(keep.rsub(1.0)));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray gradient = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon);
        if (layerConf().getKind() != CorruptionLayer.Kind.GAUSSIAN) {
            if (keep == null || !java.util.Arrays.equals(keep.shape(), epsilon.shape())) {
                throw new IllegalStateException("CorruptionLayer '" + layerConf().getLayerName()
                        + "': backprop needs a training forward pass on the same input first");
            }
            gradient.muli(keep);
        }
        return new Pair<>(new DefaultGradient(), gradient);
    }

    @Override
    public void clear() {
        super.clear();
        keep = null;
    }
}
