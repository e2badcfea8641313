package org.dl4jlvm.flows;

import java.util.Map;
import java.util.Objects;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.core.Dense;
import org.dl4jlvm.core.DenseStack;
import org.dl4jlvm.models.Posterior;
import org.dl4jlvm.vae.GaussianSamplingLayer;
import org.dl4jlvm.vae.MonteCarloKlOutputLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * A flow posterior for {@link org.dl4jlvm.models.VaeGraphBuilder#posterior}: a diagonal Gaussian draw {@code z_0}
 * ({@value #START}, a {@link GaussianSamplingLayer} that starts the log-det column at {@code -log q(z_0 | x)}), K flow
 * steps {@code z_0 -> z_K} ({@code posterior-1..K}), the code {@code z_K} for the decoder, and a
 * {@link MonteCarloKlOutputLayer}, so that the ELBO is
 * {@code E_q[log p(x | z_K) + log p(z_K) - log q(z_0 | x) + sum_k log|det dz_k / dz_(k-1)|]}.
 * <ul>
 *   <li>{@link #iaf}: inverse autoregressive flow (Kingma et al. 2016, arXiv:1606.04934). Each step maps
 *       {@code z_k = f(z_(k-1); MADE(z_(k-1), h))} in one pass, with the affine transform, orders alternating, and
 *       amortised through {@code h} ({@value #CONTEXT}), a linear map of the encoder's features to
 *       {@link #contextWidth} columns (0: global steps).</li>
 *   <li>{@link #planar}: planar flows (Rezende and Mohamed 2015, arXiv:1505.05770), global.</li>
 * </ul>
 */
public final class FlowPosterior implements Posterior {
    public static final String START = "z0";
    public static final String CONTEXT = "posterior-context";
    public static final String STEPS_INPUT = "posterior-input";
    private final StepFactory factory;
    private final boolean readsContext;
    private final int steps;
    private int contextWidth;
    private int[] hidden = {128, 128};
    private long seed = 12345;

    private FlowPosterior(StepFactory factory, boolean readsContext, int steps, int contextWidth) {
        this.factory = factory;
        this.readsContext = readsContext;
        this.steps = Checks.atLeastOne("steps", steps);
        this.contextWidth = contextWidth;
    }

    /** K inverse-autoregressive steps, amortised by a context of 64 columns. */
    public static FlowPosterior iaf(int steps) {
        return new FlowPosterior((i, s) -> Map.of("posterior-" + (i + 1), s.autoregressive(s.alternatingOrder(i)).build()),
                true, steps, 64);
    }

    /** K planar steps, global (their parameters are the layers' own). */
    public static FlowPosterior planar(int steps) {
        return new FlowPosterior((i, s) -> Map.of("posterior-" + (i + 1),
                new PlanarStep.Builder().dimension(s.dimension()).build()), false, steps, 0);
    }

    /** Width of the amortising context h (0: global steps that read no context). */
    public FlowPosterior contextWidth(int width) {
        if (width > 0 && !readsContext) {
            throw new IllegalArgumentException("contextWidth: these steps read no context; expected 0, found " + width);
        }
        this.contextWidth = (int) Checks.nonNegative("contextWidth", width);
        return this;
    }

    /** Hidden sizes of each step's MADE conditioner (default 128, 128). */
    public FlowPosterior hidden(int... sizes) {
        this.hidden = DenseStack.sizes("hidden", sizes);
        return this;
    }

    /** Seed of the steps' settings. */
    public FlowPosterior seed(long seed) {
        this.seed = seed;
        return this;
    }

    public int steps() {
        return steps;
    }

    @Override
    public void add(ComputationGraphConfiguration.GraphBuilder graph, String encoderHead, String features, int latentWidth,
            String latent, String kl, ISchedule beta) {
        graph.addLayer(START, new GaussianSamplingLayer.Builder().logDensity(true).build(), encoderHead);
        String previous = START;
        if (contextWidth > 0) {
            graph.addLayer(CONTEXT, new Dense.Builder().nOut(contextWidth).activation(Activation.IDENTITY).build(), features);
            graph.addVertex(START + "-code", new SubsetVertex(0, latentWidth - 1), START);
            graph.addVertex(START + "-log-density", new SubsetVertex(latentWidth, latentWidth), START);
            graph.addVertex(STEPS_INPUT, new MergeVertex(), START + "-code", CONTEXT, START + "-log-density");
            previous = STEPS_INPUT;
        }
        StepSettings settings = new StepSettings(latentWidth, contextWidth, hidden, Activation.RELU, 3.0, 8, 5.0, seed);
        for (int i = 0; i < steps; i++) {
            for (Map.Entry<String, Layer> step : factory.step(i, settings).entrySet()) {
                graph.addLayer(step.getKey(), step.getValue(), previous);
                previous = step.getKey();
            }
        }
        graph.addVertex(latent, new SubsetVertex(0, latentWidth - 1), previous);
        graph.addLayer(kl, new MonteCarloKlOutputLayer(Objects.requireNonNull(beta, "beta"), latentWidth, contextWidth), previous);
    }
}
