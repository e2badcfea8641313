package org.dl4jlvm.models;

import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.JsonRoundTrip;
import org.dl4jlvm.core.DenseStack;
import org.dl4jlvm.likelihood.BernoulliLikelihood;
import org.dl4jlvm.likelihood.Likelihood;
import org.dl4jlvm.likelihood.LikelihoodOutputLayer;
import org.dl4jlvm.vae.KlRegularizerOutputLayer;
import org.dl4jlvm.vae.LinearWarmup;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dl4jlvm.core.Dense;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.dl4jlvm.training.HostAdam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Assembles a VAE as an ordinary {@link ComputationGraphConfiguration}:
 * {@code input -> encoder body -> encoderHead [mean | logVariance] (2Q) -> z (GaussianSamplingLayer)
 * -> decoder body -> decoderOut (likelihood parameters)}, the bodies dense ({@link DenseBody}, the default) or
 * convolutional ({@link ConvolutionalEncoder}, {@link ConvolutionalDecoder}), with two output heads whose scores add up
 * to the negative ELBO per example: {@code reconstruction} ({@link LikelihoodOutputLayer} on decoderOut) and
 * {@code kl} (a {@link KlRegularizerOutputLayer} from the {@link Posterior}: on encoderHead for the default Gaussian,
 * on a flow posterior's last step, or against {@link #conditionalPrior()}; times beta). Train it with
 * {@code graph.fit(new UnsupervisedIterator(graph, iterator))}; wrap the trained graph in {@link Vae}. With
 * {@link #context(int)} it is a conditional VAE, whose iterator's labels are the context.
 *
 * <pre>
 * ComputationGraphConfiguration conf = new VaeGraphBuilder(784, 32)
 *         .encoderSizes(512, 256).decoderSizes(256, 512)
 *         .likelihood(new BernoulliLikelihood()).build();
 * </pre>
 */
public class VaeGraphBuilder {
    public static final String INPUT = "input";
    public static final String ENCODER_HEAD = "encoderHead";
    public static final String LATENT = "z";
    public static final String DECODER_OUT = "decoderOut";
    public static final String RECONSTRUCTION = "reconstruction";
    public static final String KL = "kl";
    public static final String CONTEXT = "context";
    public static final String ENCODER_INPUT = "x-and-context";
    public static final String DECODER_INPUT = "z-and-context";
    public static final String PRIOR = "prior";

    private final int dataWidth;
    private final int latentWidth;
    private EncoderBody encoder = new DenseBody(256);
    private DecoderBody decoder = new DenseBody(256);
    private Posterior posterior = new GaussianPosterior();
    private Likelihood likelihood = new BernoulliLikelihood();
    private ISchedule betaSchedule = new FixedSchedule(1.0);
    private int warmupIterations;
    private Activation activation = Activation.RELU;
    private WeightInit weightInit = WeightInit.XAVIER;
    private IUpdater updater = new HostAdam(1e-3);
    private long seed = 12345;
    private DataType dataType = DataType.FLOAT;
    private int contextWidth;
    private boolean conditionalPrior;

    /** A VAE for data of width {@code dataWidth} with a latent space of width {@code latentWidth}. */
    public VaeGraphBuilder(int dataWidth, int latentWidth) {
        this.dataWidth = Checks.atLeastOne("dataWidth", dataWidth);
        this.latentWidth = Checks.atLeastOne("latentWidth", latentWidth);
    }

    /** Hidden sizes of a dense encoder, input side first (default 256): {@code encoder(new DenseBody(sizes))}. */
    public VaeGraphBuilder encoderSizes(int... sizes) {
        return encoder(new DenseBody(DenseStack.sizes("encoderSizes", sizes)));
    }

    /** Hidden sizes of a dense decoder, latent side first (default 256): {@code decoder(new DenseBody(sizes))}. */
    public VaeGraphBuilder decoderSizes(int... sizes) {
        return decoder(new DenseBody(DenseStack.sizes("decoderSizes", sizes)));
    }

    /** The encoder's hidden layers: {@link DenseBody} (the default, 256) or {@link ConvolutionalEncoder}. */
    public VaeGraphBuilder encoder(EncoderBody encoder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        return this;
    }

    /** The decoder's layers: {@link DenseBody} (the default, 256) or {@link ConvolutionalDecoder}. */
    public VaeGraphBuilder decoder(DecoderBody decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        return this;
    }

    /** The approximate posterior: {@link GaussianPosterior} (the default) or a flow posterior. */
    public VaeGraphBuilder posterior(Posterior posterior) {
        this.posterior = Objects.requireNonNull(posterior, "posterior");
        return this;
    }

    public VaeGraphBuilder likelihood(Likelihood likelihood) {
        this.likelihood = Objects.requireNonNull(likelihood, "likelihood");
        return this;
    }

    /** A constant beta >= 0 (default 1: the ELBO). */
    public VaeGraphBuilder beta(double beta) {
        this.betaSchedule = new FixedSchedule(Checks.nonNegative("beta", beta));
        return this;
    }

    /** beta as any DL4J schedule that can be read back from JSON (so that the model loads). */
    public VaeGraphBuilder betaSchedule(ISchedule schedule) {
        this.betaSchedule = JsonRoundTrip.require("betaSchedule", schedule);
        return this;
    }

    /** KL annealing: beta rises linearly over the first {@code iterations} iterations (0: none). */
    public VaeGraphBuilder warmupIterations(int iterations) {
        this.warmupIterations = (int) Checks.nonNegative("warmupIterations", iterations);
        return this;
    }

    /** Activation of the hidden layers (default ReLU). */
    public VaeGraphBuilder activation(Activation activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
        return this;
    }

    /**
     * Initial weights of the layers that do not set their own (default XAVIER, normal with variance
     * {@code 2 / (fanIn + fanOut)}); {@code UNIFORM}, {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}, is PyTorch's default for
     * linear layers.
     */
    public VaeGraphBuilder weightInit(WeightInit weightInit) {
        this.weightInit = Objects.requireNonNull(weightInit, "weightInit");
        return this;
    }

    /** Updater (default {@link HostAdam} 1e-3: ND4J's Adam, computed faster). */
    public VaeGraphBuilder updater(IUpdater updater) {
        this.updater = Objects.requireNonNull(updater, "updater");
        return this;
    }

    public VaeGraphBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * A conditional VAE, p(x | c) (Sohn, Lee and Yan, Learning structured output representation using deep conditional
     * generative models, NeurIPS 2015): a second graph input {@value #CONTEXT} of width C that the encoder reads beside
     * x ({@value #ENCODER_INPUT}) and the decoder beside z ({@value #DECODER_INPUT}); a one-hot label, say.
     */
    public VaeGraphBuilder context(int contextWidth) {
        this.contextWidth = Checks.atLeastOne("contextWidth", contextWidth);
        return this;
    }

    /**
     * A learned prior p(z | c) = N(mean_p(c), diag exp(logVariance_p(c))) for a conditional VAE, as Sohn, Lee and Yan's
     * prior network: a dense layer {@value #PRIOR} from the context to {@code [mean_p | logVariance_p]}, starting at
     * zero (the standard normal), and the KL against it. Prior draws then come from the class's own region of the
     * latent space. Needs {@link #context(int)} and the Gaussian posterior.
     */
    public VaeGraphBuilder conditionalPrior() {
        this.conditionalPrior = true;
        return this;
    }

    /** Network data type (default FLOAT; DOUBLE for gradient checks). */
    public VaeGraphBuilder dataType(DataType dataType) {
        this.dataType = Objects.requireNonNull(dataType, "dataType");
        return this;
    }

    public ComputationGraphConfiguration build() {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .weightInit(weightInit)
                .dataType(dataType)
                .graphBuilder();
        InputType data = encoder.inputType(dataWidth);
        String context = null;
        if (contextWidth == 0) {
            graph.addInputs(INPUT).setInputTypes(data);
        } else {
            graph.addInputs(INPUT, CONTEXT).setInputTypes(data, InputType.feedForward(contextWidth));
            context = CONTEXT;
        }
        String previous = encoder.add(graph, INPUT, context, activation);
        graph.addLayer(ENCODER_HEAD, new Dense.Builder().nOut(2L * latentWidth)
                .activation(Activation.IDENTITY).build(), previous);
        Posterior q = posterior;
        if (conditionalPrior) {
            if (context == null || !(posterior instanceof GaussianPosterior)) {
                throw new IllegalArgumentException("conditionalPrior: needs a context (context(C)) and the Gaussian "
                        + "posterior; found context width " + contextWidth + " and " + posterior.getClass().getSimpleName());
            }
            graph.addLayer(PRIOR, new Dense.Builder().nOut(2L * latentWidth).activation(Activation.IDENTITY)
                    .weightInit(WeightInit.ZERO).build(), CONTEXT);
            q = GaussianPosterior.against(PRIOR);
        }
        q.add(graph, ENCODER_HEAD, previous, latentWidth, LATENT, KL,
                warmupIterations > 0 ? new LinearWarmup(betaSchedule, warmupIterations) : betaSchedule);
        decoder.add(graph, LATENT, context, DECODER_OUT, dataWidth, likelihood.parameterWidth(dataWidth), activation);
        graph.addLayer(RECONSTRUCTION, new LikelihoodOutputLayer(likelihood), DECODER_OUT);
        return graph.setOutputs(RECONSTRUCTION, KL).build();
    }
}
