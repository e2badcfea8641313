package org.dl4jlvm.core;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Evaluates, on plain arrays, a function written once as SameDiff ops, so that a loss has one
 * implementation for training (inside a layer's SameDiff graph) and for evaluation (here).
 * The graph is built on first use per data type and input widths, and cached; evaluation is synchronised.
 */
public final class SameDiffFunction {

    /** A function of matrices [batch, width_i] written in SameDiff ops. */
    @FunctionalInterface
    public interface Definition {
        SDVariable define(SameDiff sd, SDVariable... inputs);
    }

    private final Definition definition;
    private final Map<String, SameDiff> graphs = new HashMap<>();

    public SameDiffFunction(Definition definition) {
        this.definition = definition;
    }

    /** Evaluates the function on the given arrays (all of one data type). */
    public synchronized INDArray apply(INDArray... inputs) {
        DataType type = inputs[0].dataType();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            StringBuilder key = new StringBuilder(type.toString());
            for (INDArray input : inputs) {
                key.append(':').append(input.size(1));
            }
            SameDiff sd = graphs.computeIfAbsent(key.toString(), k -> build(type, inputs));
            Map<String, INDArray> placeholders = new HashMap<>();
            for (int i = 0; i < inputs.length; i++) {
                placeholders.put("in" + i, inputs[i].castTo(type));
            }
            INDArray out = sd.outputSingle(placeholders, "out");
            return out.detach();
        }
    }

    private SameDiff build(DataType type, INDArray[] inputs) {
        SameDiff sd = SameDiff.create();
        SDVariable[] vars = new SDVariable[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            long[] shape = inputs[i].shape().clone();
            shape[0] = -1;
            vars[i] = sd.placeHolder("in" + i, type, shape);
        }
        SDVariable result = definition.define(sd, vars);
        sd.identity("out", result);
        return sd;
    }
}
