package org.dl4jlvm.flows.embedding;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.dl4jlvm.core.Checks;
import org.nd4j.linalg.activations.Activation;

/**
 * A fully connected embedding: {@code context -> dense(h_1, ReLU) -> ... -> dense(E, identity)}, as the {@code sbi}
 * package's {@code FCEmbedding}. Vertex names {@code embedding-0}, {@code embedding-1}, ...
 */
public final class MlpEmbedding implements ContextEmbedding {
    private final int width;
    private final int[] hidden;

    /** An embedding of width E after hidden ReLU layers of the given sizes (none: one linear layer). */
    public MlpEmbedding(int width, int... hidden) {
        this.width = Checks.atLeastOne("embedding width", width);
        for (int size : hidden) {
            Checks.atLeastOne("embedding hidden sizes", size);
        }
        this.hidden = hidden.clone();
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public InputType inputType(int contextWidth) {
        return InputType.feedForward(contextWidth);
    }

    @Override
    public Map<String, Layer> layers(int contextWidth) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (int size : hidden) {
            layers.put("embedding-" + layers.size(), new DenseLayer.Builder().nOut(size).activation(Activation.RELU).build());
        }
        layers.put("embedding-" + layers.size(), new DenseLayer.Builder().nOut(width).activation(Activation.IDENTITY).build());
        return layers;
    }
}
