package org.dl4jlvm.models;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.dl4jlvm.core.LogScaleBounds;
import org.dl4jlvm.core.GraphLayers;
import org.dl4jlvm.core.SubGraph;
import org.dl4jlvm.vae.ConditionalPriorKlOutputLayer;
import org.dl4jlvm.vae.GaussianKl;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The prior p(z) of a VAE graph, for {@link Vae}: N(0, I), or a conditional prior N(mean_p(c), diag exp(lv_p(c)))
 * computed from the context by the vertex that feeds a {@link ConditionalPriorKlOutputLayer}
 * ({@link VaeGraphBuilder#conditionalPrior()}). Its parameters are {@code [mean_p | lv_p]} rows, or null for N(0, I).
 */
final class LatentPrior {
    private static final ConditionalPriorKlOutputLayer KL = new ConditionalPriorKlOutputLayer();
    private final SubGraph network;
    private final int latentWidth;

    private LatentPrior(SubGraph network, int latentWidth) {
        this.network = network;
        this.latentWidth = latentWidth;
    }

    /** The prior of the graph: conditional when a {@link ConditionalPriorKlOutputLayer} reads {@code [head | prior]}. */
    static LatentPrior of(ComputationGraph graph, int latentWidth) {
        Map<String, List<String>> inputs = graph.getConfiguration().getVertexInputs();
        Iterator<String> heads = GraphLayers.of(graph.getConfiguration(), ConditionalPriorKlOutputLayer.class).keySet().iterator();
        if (heads.hasNext()) {
            String prior = inputs.get(inputs.get(heads.next()).get(0)).get(1);
            String context = graph.getConfiguration().getNetworkInputs().get(1);
            return new LatentPrior(new SubGraph(graph, List.of(context), prior), latentWidth);
        }
        return new LatentPrior(null, latentWidth);
    }

    /** The prior's parameters for these context rows, or null for N(0, I). */
    INDArray parameters(INDArray context) {
        return network == null ? null : network.apply(context);
    }

    /** n draws of the prior with these parameters (one row per draw; null: N(0, I)). */
    INDArray draw(INDArray parameters, int n, Random generator) {
        INDArray noise = Nd4j.randn(generator, new long[] {n, latentWidth});
        if (parameters == null) {
            return noise;
        }
        INDArray std = Transforms.exp(LogScaleBounds.bound(logVariance(parameters)).muli(0.5), false);
        return noise.castTo(std.dataType()).muli(std).addi(mean(parameters));
    }

    /** log p(z) per example, in double. */
    INDArray logDensity(INDArray z, INDArray parameters) {
        INDArray standardized = parameters == null ? z : z.sub(mean(parameters))
                .divi(Transforms.exp(LogScaleBounds.bound(logVariance(parameters)).muli(0.5), false));
        INDArray terms = standardized.mul(standardized).addi(Math.log(2 * Math.PI));
        if (parameters != null) {
            terms.addi(LogScaleBounds.bound(logVariance(parameters)));
        }
        return terms.sum(1).castTo(DataType.DOUBLE).muli(-0.5);
    }

    /** KL(q(z | x) || p(z)) per example in closed form, for the posterior rows {@code [mean | logVariance]}. */
    INDArray kl(INDArray posterior, INDArray parameters) {
        return parameters == null ? GaussianKl.of(posterior.castTo(DataType.DOUBLE))
                : KL.divergence(Nd4j.concat(1, posterior, parameters.castTo(posterior.dataType())).castTo(DataType.DOUBLE));
    }

    private INDArray mean(INDArray parameters) {
        return parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latentWidth));
    }

    private INDArray logVariance(INDArray parameters) {
        return parameters.get(NDArrayIndex.all(), NDArrayIndex.interval(latentWidth, 2 * latentWidth));
    }
}
