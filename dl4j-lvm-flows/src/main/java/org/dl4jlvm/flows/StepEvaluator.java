package org.dl4jlvm.flows;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Evaluates a step's SameDiff definition of one direction on plain arrays, with the parameters (and the context, if
 * any) fed as placeholders, so the layer (training) and the bijector (evaluation, inversion) share one definition.
 * One graph per data type is built on first use and cached; evaluation is synchronised.
 */
final class StepEvaluator {

    /** One direction of a step: (x, context, params) -> {y, logDet}; the context is null without one. */
    @FunctionalInterface
    interface Direction {
        SDVariable[] define(SameDiff sd, SDVariable x, SDVariable context, Map<String, SDVariable> params);
    }

    private final Direction direction;
    private final long dimension;
    private final long contextWidth;
    private final Map<DataType, SameDiff> graphs = new HashMap<>();

    StepEvaluator(Direction direction, long dimension, long contextWidth) {
        this.direction = direction;
        this.dimension = dimension;
        this.contextWidth = contextWidth;
    }

    synchronized FlowOutput apply(INDArray x, INDArray context, Map<String, INDArray> params) {
        DataType type = x.dataType();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            SameDiff sd = graphs.computeIfAbsent(type, t -> build(t, params));
            Map<String, INDArray> placeholders = new HashMap<>();
            placeholders.put("x", x);
            if (contextWidth > 0) {
                placeholders.put("context", context.castTo(type));
            }
            for (Map.Entry<String, INDArray> param : params.entrySet()) {
                placeholders.put("param_" + param.getKey(), param.getValue().castTo(type));
            }
            Map<String, INDArray> out = sd.output(placeholders, "y", "logDet");
            return new FlowOutput(out.get("y").detach(), out.get("logDet").detach());
        }
    }

    private SameDiff build(DataType type, Map<String, INDArray> params) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", type, -1, dimension);
        SDVariable context = contextWidth > 0 ? sd.placeHolder("context", type, -1, contextWidth) : null;
        Map<String, SDVariable> vars = new HashMap<>();
        for (Map.Entry<String, INDArray> param : params.entrySet()) {
            vars.put(param.getKey(), sd.placeHolder("param_" + param.getKey(), type, param.getValue().shape()));
        }
        SDVariable[] result = direction.define(sd, x, context, vars);
        sd.identity("y", result[0]);
        sd.identity("logDet", result[1]);
        return sd;
    }
}
