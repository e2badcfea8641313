package org.dl4jlvm.training;

import java.util.Objects;
import java.util.function.Function;
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
    private final int chunk;
    private final Function<ComputationGraph, ? extends LatentVariableModel> model;

    /**
     * @param heldOut the held-out examples, [n, D]
     * @param chunk   examples per evaluation batch
     * @param model   the model a graph represents, e.g. {@code graph -> new Vae(graph, seed)} or {@code Flow::new}
     */
    public HeldOutScore(INDArray heldOut, int chunk, Function<ComputationGraph, ? extends LatentVariableModel> model) {
        Checks.matrix("heldOut", heldOut);
        Checks.finite("heldOut", heldOut);
        this.heldOut = heldOut;
        this.chunk = Checks.atLeastOne("chunk", chunk);
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public double calculateScore(ComputationGraph graph) {
        LatentVariableModel view = model.apply(graph);
        long n = heldOut.size(0);
        double sum = 0;
        for (long from = 0; from < n; from += chunk) {
            INDArray rows = heldOut.get(NDArrayIndex.interval(from, Math.min(n, from + chunk)), NDArrayIndex.all());
            sum -= view.logLikelihood(rows).sumNumber().doubleValue();
        }
        return sum / n;
    }

    @Override
    public boolean minimizeScore() {
        return true;
    }
}
