package org.dl4jlvm.flows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.array.SingleThreadArrayHolder;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runtime of a {@link SameDiffFlowStep}: DL4J's SameDiff layer with its own backward pass. DL4J M2.1's
 * {@code SameDiffLayer} back-propagates through an "external errors" op that doubles every gradient
 * (input and parameters alike; measured in {@code FlowGradientCheckTest}), so this runtime instead
 * differentiates the scalar {@code sum(output * epsilon)}, whose gradient with respect to the input and the
 * parameters is exactly the vector-Jacobian product DL4J asks for.
 *
 * <p>SameDiff M2.1 also skips, in backprop, every op whose inputs are only placeholders and constants, which
 * would drop the input-gradient paths that do not meet a parameter (e.g. the masked input of a coupling's
 * conditioner) and fail outright for parameter-free steps. The input therefore enters the graph as
 * {@code input + anchor}, with {@code anchor} a zero variable that is not a parameter of the layer.
 */
public class FlowStepLayerImpl extends SameDiffLayer {
    private static final String EPSILON = "epsilon";
    private static final String ANCHOR = "inputAnchor";

    public FlowStepLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected void doInit() {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            SameDiffFlowStep step = (SameDiffFlowStep) layerConf();
            sameDiff = SameDiff.create();
            sameDiff.setArrayHolders(new SingleThreadArrayHolder(), new SingleThreadArrayHolder(), false);
            long[] inputShape = input.shape().clone();
            inputShape[0] = -1;
            SDVariable inputVar = sameDiff.placeHolder(INPUT_KEY, dataType, inputShape);
            SDVariable mask = sameDiff.placeHolder(MASK_KEY, dataType, -1, -1);
            Map<String, SDVariable> params = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> shape : step.getLayerParams().getParamShapes().entrySet()) {
                params.put(shape.getKey(), sameDiff.var(shape.getKey(), dataType, shape.getValue()));
            }
            SDVariable anchor = sameDiff.var(ANCHOR, Nd4j.zeros(dataType, 1, 1));
            outputVar = step.defineLayer(sameDiff, inputVar.add(anchor), params, mask);
            for (Map.Entry<String, INDArray> param : paramTable.entrySet()) {
                sameDiff.associateArrayWithVariable(param.getValue(), sameDiff.getVariable(param.getKey()));
            }
            SDVariable epsilon = sameDiff.placeHolder(EPSILON, dataType, -1, step.carriedWidth() + 1);
            outputVar.mul(epsilon).sum().markAsLoss();
            outputKey = outputVar.name();
        }
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        SameDiffFlowStep step = (SameDiffFlowStep) layerConf();
        step.validateInput(input);
        step.prepare(input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, step.dimension())), paramTable, training);
        return super.activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        ((SameDiffFlowStep) layerConf()).validateInput(input);
        Gradient gradient = new DefaultGradient();
        INDArray inputGradient;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (sameDiff == null) {
                doInit();
            }
            Map<String, INDArray> placeholders = new HashMap<>();
            placeholders.put(INPUT_KEY, input.detach());
            placeholders.put(MASK_KEY, layerConf().onesMaskForInput(input));
            placeholders.put(EPSILON, epsilon.detach());
            List<String> wanted = new ArrayList<>(paramTable.keySet());
            wanted.add(INPUT_KEY);
            Map<String, INDArray> gradients = sameDiff.calculateGradients(placeholders, wanted);
            for (String param : paramTable.keySet()) {
                INDArray view = gradTable.get(param);
                view.assign(gradients.get(param));
                gradient.gradientForVariable().put(param, view);
            }
            inputGradient = gradients.get(INPUT_KEY);
            sameDiff.clearPlaceholders(true);
            sameDiff.clearOpInputs();
        }
        return new Pair<>(gradient, workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, inputGradient));
    }
}
