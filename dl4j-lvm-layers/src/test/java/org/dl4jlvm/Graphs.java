package org.dl4jlvm;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;

/** Small graphs for tests: input -> dense(width, activation) -> head, in DOUBLE with the NoOp updater. */
public final class Graphs {
    private Graphs() {
    }

    public static ComputationGraph denseThenHead(int nIn, int width, Activation activation, Layer head) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("input").setInputTypes(InputType.feedForward(nIn))
                .addLayer("dense", new DenseLayer.Builder().nOut(width).activation(activation).build(), "input")
                .addLayer("head", head, "dense")
                .setOutputs("head").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}
