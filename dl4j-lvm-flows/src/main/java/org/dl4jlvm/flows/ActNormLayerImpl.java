package org.dl4jlvm.flows;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runtime of {@link ActNorm}: the flow-step runtime, plus the data-dependent initialisation on the first
 * training forward pass while the configuration says it has not yet run.
 */
public class ActNormLayerImpl extends FlowStepLayerImpl {

    /** Added to the standard deviation before the logarithm, so a constant coordinate stays finite. */
    static final double EPSILON = 1e-6;

    public ActNormLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        ActNorm conf = (ActNorm) layerConf();
        if (training && !conf.isInitialized()) {
            assertInputSet(false);
            conf.validateInput(input);
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray x = input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, conf.dimension()));
                INDArray[] moments = conf.layout().moments(x);
                INDArray mean = moments[0];
                INDArray std = moments[1];
                getParam(ActNorm.BIAS).assign(mean.neg());
                getParam(ActNorm.LOG_SCALE).assign(Transforms.log(std.addi(EPSILON), false).negi());
            }
            conf.setInitialized(true);
        }
        return super.activate(training, workspaceMgr);
    }
}
