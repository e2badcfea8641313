package org.dl4jlvm.training;

import java.util.Objects;
import java.util.function.Function;
import org.dl4jlvm.api.ConditionalModel;
import org.dl4jlvm.api.LatentVariableModel;
import org.dl4jlvm.core.Checks;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * An early-stopping score for DL4J's {@code EarlyStoppingGraphTrainer}: the mean negative log-likelihood of held-out
 * data, in nats per example, under the model a graph represents ({@code -logLikelihood} of a
 * {@link LatentVariableModel}: the negative ELBO of a VAE, the exact NLL of a flow). Lower is better.
 * Evaluated in chunks, so the held-out set may be large.
 */
public class HeldOutScore implements ScoreCalculator<ComputationGraph> {
    private final INDArray heldOut;
    private final INDArray context;
    private final int chunk;
    private final Function<ComputationGraph, ? extends ConditionalModel> model;

    /**
     * @param heldOut the held-out examples, [n, D]
     * @param chunk   examples per evaluation batch
     * @param model   the model a graph represents, e.g. {@code graph -> new Vae(graph, seed)} or {@code Flow::new}
     */
    public HeldOutScore(INDArray heldOut, int chunk, Function<ComputationGraph, ? extends LatentVariableModel> model) {
        this(heldOut, null, chunk, graph -> unconditional(model.apply(graph)));
        Objects.requireNonNull(model, "model");
    }

    /**
     * For a conditional model: the held-out examples and their contexts.
     *
     * @param heldOut the held-out examples, [n, D]
     * @param context their contexts, [n, C]
     * @param chunk   examples per evaluation batch
     * @param model   the model a graph represents, e.g. {@code Flow::new}
     */
    public HeldOutScore(INDArray heldOut, INDArray context, int chunk,
            Function<ComputationGraph, ? extends ConditionalModel> model) {
        Checks.matrix("heldOut", heldOut);
        Checks.finite("heldOut", heldOut);
        if (context != null) {
            Checks.matrix("context", context);
            Checks.finite("context", context);
            if (context.size(0) != heldOut.size(0)) {
                throw new IllegalArgumentException("context: expected a row per held-out example (" + heldOut.size(0)
                        + "), found " + context.size(0));
            }
        }
        this.heldOut = heldOut;
        this.context = context;
        this.chunk = Checks.atLeastOne("chunk", chunk);
        this.model = Objects.requireNonNull(model, "model");
    }

    private static ConditionalModel unconditional(LatentVariableModel model) {
        return new ConditionalModel() {
            @Override
            public long contextWidth() {
                return 0;
            }

            @Override
            public INDArray logLikelihood(INDArray x, INDArray context) {
                return model.logLikelihood(x);
            }

            @Override
            public INDArray sample(int n, INDArray context, long seed) {
                return model.sample(n, seed);
            }
        };
    }

    @Override
    public double calculateScore(ComputationGraph graph) {
        ConditionalModel view = model.apply(graph);
        long n = heldOut.size(0);
        double sum = 0;
        for (long from = 0; from < n; from += chunk) {
            long to = Math.min(n, from + chunk);
            INDArray x = heldOut.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray c = context == null ? null : context.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            sum -= view.logLikelihood(x, c).sumNumber().doubleValue();
        }
        return sum / n;
    }

    @Override
    public boolean minimizeScore() {
        return true;
    }
}
