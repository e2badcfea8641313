package org.dl4jlvm.autoencoder;

import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.DenseStack;
import org.dl4jlvm.likelihood.LikelihoodOutputLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dl4jlvm.core.Dense;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.dl4jlvm.training.HostAdam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Assembles a dense deterministic autoencoder as an ordinary {@link ComputationGraphConfiguration}:
 * {@code input -> [corruption] -> encoder-1..n -> code (Q) -> decoder-1..m -> decoderOut (D) -> reconstruction},
 * where {@code reconstruction} is a {@link LikelihoodOutputLayer} scoring the clean input under the chosen
 * {@link ReconstructionLoss}, per example. Without hidden sizes and with the default identity code activation it
 * is a linear autoencoder, whose optimum spans the PCA subspace; with a {@link CorruptionLayer} it is a denoising
 * autoencoder. Train it with {@code graph.fit(new UnsupervisedIterator(graph, iterator))}; start it from PCA with
 * {@link PcaInitializer}; wrap the trained graph in {@link Autoencoder}.
 *
 * <pre>
 * ComputationGraphConfiguration conf = new AutoencoderGraphBuilder(784, 32)
 *         .encoderSizes(256).decoderSizes(256)
 *         .corruption(new CorruptionLayer.Builder().masking(0.25).build()).build();
 * </pre>
 */
public class AutoencoderGraphBuilder {
    public static final String INPUT = "input";
    public static final String CORRUPTION = "corruption";
    public static final String CODE = "code";
    public static final String DECODER_OUT = "decoderOut";
    public static final String RECONSTRUCTION = "reconstruction";

    private final int dataWidth;
    private final int codeWidth;
    private int[] encoderSizes = {};
    private int[] decoderSizes = {};
    private Activation activation = Activation.RELU;
    private Activation codeActivation = Activation.IDENTITY;
    private ReconstructionLoss loss = ReconstructionLoss.SQUARED_ERROR;
    private CorruptionLayer corruption;
    private IUpdater updater = new HostAdam(1e-3);
    private long seed = 12345;
    private DataType dataType = DataType.FLOAT;

    /** An autoencoder for data of width {@code dataWidth} with a code of width {@code codeWidth} <= dataWidth. */
    public AutoencoderGraphBuilder(int dataWidth, int codeWidth) {
        this.dataWidth = Checks.atLeastOne("dataWidth", dataWidth);
        if (codeWidth < 1 || codeWidth > dataWidth) {
            throw new IllegalArgumentException("codeWidth: must be between 1 and dataWidth = " + dataWidth + ", found " + codeWidth);
        }
        this.codeWidth = codeWidth;
    }

    /** Hidden sizes of the encoder, input side first (default none). */
    public AutoencoderGraphBuilder encoderSizes(int... sizes) {
        this.encoderSizes = DenseStack.sizes("encoderSizes", sizes);
        return this;
    }

    /** Hidden sizes of the decoder, code side first (default none). */
    public AutoencoderGraphBuilder decoderSizes(int... sizes) {
        this.decoderSizes = DenseStack.sizes("decoderSizes", sizes);
        return this;
    }

    /** Activation of the hidden layers (default ReLU). */
    public AutoencoderGraphBuilder activation(Activation activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
        return this;
    }

    /** Activation of the code layer (default identity). */
    public AutoencoderGraphBuilder codeActivation(Activation activation) {
        this.codeActivation = Objects.requireNonNull(activation, "codeActivation");
        return this;
    }

    /** Reconstruction loss (default squared error). */
    public AutoencoderGraphBuilder loss(ReconstructionLoss loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
        return this;
    }

    /** Corrupts the input while training (a denoising autoencoder); null for none (the default). */
    public AutoencoderGraphBuilder corruption(CorruptionLayer corruption) {
        this.corruption = corruption;
        return this;
    }

    /** Updater (default {@link HostAdam} 1e-3: ND4J's Adam, computed faster). */
    public AutoencoderGraphBuilder updater(IUpdater updater) {
        this.updater = Objects.requireNonNull(updater, "updater");
        return this;
    }

    public AutoencoderGraphBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Network data type (default FLOAT; DOUBLE for gradient checks). */
    public AutoencoderGraphBuilder dataType(DataType dataType) {
        this.dataType = Objects.requireNonNull(dataType, "dataType");
        return this;
    }

    /** The name of the first encoder layer: {@code encoder-1}, or {@code code} when the encoder has no hidden layer. */
    public static String firstEncoderLayer(ComputationGraphConfiguration conf) {
        return conf.getVertices().containsKey("encoder-1") ? "encoder-1" : CODE;
    }

    public ComputationGraphConfiguration build() {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .dataType(dataType)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.feedForward(dataWidth));
        String previous = INPUT;
        if (corruption != null) {
            graph.addLayer(CORRUPTION, corruption.clone(), INPUT);
            previous = CORRUPTION;
        }
        previous = DenseStack.add(graph, "encoder-", encoderSizes, activation, previous);
        graph.addLayer(CODE, new Dense.Builder().nOut(codeWidth).activation(codeActivation).build(), previous);
        previous = DenseStack.add(graph, "decoder-", decoderSizes, activation, CODE);
        graph.addLayer(DECODER_OUT, new Dense.Builder().nOut(dataWidth).activation(Activation.IDENTITY).build(), previous);
        graph.addLayer(RECONSTRUCTION, new LikelihoodOutputLayer(loss.likelihood()), DECODER_OUT);
        return graph.setOutputs(RECONSTRUCTION).build();
    }
}
