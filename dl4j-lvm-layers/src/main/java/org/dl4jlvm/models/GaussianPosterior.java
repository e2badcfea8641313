package org.dl4jlvm.models;

import org.dl4jlvm.vae.ConditionalPriorKlOutputLayer;
import org.dl4jlvm.vae.GaussianSamplingLayer;
import org.dl4jlvm.vae.KlRegularizerOutputLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The diagonal Gaussian posterior q(z | x) = N(mean, diag exp(logVariance)): a {@link GaussianSamplingLayer} on the
 * encoder head, and a KL head in closed form: {@link KlRegularizerOutputLayer} on the head against N(0, I), or, with
 * a prior vertex ({@link #against}), {@link ConditionalPriorKlOutputLayer} on {@code [head | prior]}
 * ({@value #POSTERIOR_AND_PRIOR}).
 */
public final class GaussianPosterior implements Posterior {
    public static final String POSTERIOR_AND_PRIOR = "posterior-and-prior";
    private final String prior;

    /** Against the standard normal prior. */
    public GaussianPosterior() {
        this(null);
    }

    private GaussianPosterior(String prior) {
        this.prior = prior;
    }

    /** Against the prior {@code [mean_p | logVariance_p]} that the vertex {@code prior} computes. */
    public static GaussianPosterior against(String prior) {
        return new GaussianPosterior(java.util.Objects.requireNonNull(prior, "prior"));
    }

    @Override
    public void add(ComputationGraphConfiguration.GraphBuilder graph, String encoderHead, String features, int latentWidth,
            String latent, String kl, ISchedule beta) {
        graph.addLayer(latent, new GaussianSamplingLayer.Builder().build(), encoderHead);
        if (prior == null) {
            graph.addLayer(kl, new KlRegularizerOutputLayer.Builder().betaSchedule(beta).build(), encoderHead);
        } else {
            graph.addVertex(POSTERIOR_AND_PRIOR, new MergeVertex(), encoderHead, prior);
            graph.addLayer(kl, new ConditionalPriorKlOutputLayer(beta), POSTERIOR_AND_PRIOR);
        }
    }
}
