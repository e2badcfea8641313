package org.dl4jlvm.sbi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.flows.Flow;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained amortised posterior q(theta | x) ({@link PosteriorEstimator}): samples and densities for any observation
 * of the simulator's data, each one pass of the flow. Samples are restricted to the prior's support by rejection
 * (a flow puts some mass outside a bounded prior); {@link #leakage()} reports the fraction rejected. A posterior
 * trained on pairs without their simulator ({@link PosteriorEstimator#train(Simulations)}) knows no support and
 * rejects nothing.
 */
public final class Posterior {
    /** Below this acceptance rate, after {@link #MINIMUM_DRAWS} draws, sampling gives up with an error. */
    static final double MINIMUM_ACCEPTANCE = 1e-3;
    static final int MINIMUM_DRAWS = 100_000;

    /** The prior's support; everywhere when the prior is unknown. */
    private final Predicate<double[]> support;
    private final int parameters;
    private final int dataDimension;
    private final Flow flow;
    private final Context context;
    private final double validationNll;
    private final int epochs;
    private double leakage = Double.NaN;

    Posterior(Predicate<double[]> support, int dataDimension, Flow flow, Context context, double validationNll, int epochs) {
        this.support = support;
        this.parameters = (int) flow.dimension();
        this.dataDimension = dataDimension;
        this.flow = flow;
        this.context = context;
        this.validationNll = validationNll;
        this.epochs = epochs;
    }

    /**
     * {@code n} draws theta ~ q(theta | observed) inside the prior's support, {@code [n, K]} in double. Fails with
     * an {@link IllegalStateException} when fewer than {@value #MINIMUM_ACCEPTANCE} of at least
     * {@value #MINIMUM_DRAWS} draws land in the support.
     */
    public INDArray sample(int n, double[] observed, long seed) {
        Checks.atLeastOne("n", n);
        INDArray condition = conditionOn(observed);
        List<double[]> accepted = new ArrayList<>(n);
        long drawn = 0;
        for (int round = 0; accepted.size() < n; round++) {
            int size = Math.max(1000, 2 * (n - accepted.size()));
            double[][] draws = flow.sample(size, condition, seed + 7919L * round).castTo(DataType.DOUBLE).toDoubleMatrix();
            for (int i = 0; i < draws.length && accepted.size() < n; i++) {
                drawn++;
                if (support.test(draws[i])) {
                    accepted.add(draws[i]);
                }
            }
            if (drawn >= MINIMUM_DRAWS && accepted.size() < MINIMUM_ACCEPTANCE * drawn) {
                throw new IllegalStateException("posterior sampling: only " + accepted.size() + " of " + drawn
                        + " draws fell inside the prior's support; the flow does not fit this observation (is it"
                        + " one the simulator can produce?)");
            }
        }
        leakage = 1 - n / (double) drawn;
        return Nd4j.createFromArray(accepted.toArray(new double[0][]));
    }

    /**
     * {@code log q(theta | observed)} per row of theta ({@code [m, K]}), the flow's density, not renormalised to the
     * support; negative infinity outside it.
     */
    public INDArray logProb(INDArray theta, double[] observed) {
        Checks.width("theta", theta, parameters);
        INDArray condition = conditionOn(observed);
        INDArray values = theta.castTo(DataType.FLOAT);
        double[] density = flow.logLikelihood(values, Nd4j.repeat(condition, (int) theta.size(0))
                .reshape(theta.size(0), condition.size(1))).castTo(DataType.DOUBLE).toDoubleVector();
        double[][] rows = theta.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < rows.length; i++) {
            if (!support.test(rows[i])) {
                density[i] = Double.NEGATIVE_INFINITY;
            }
        }
        return Nd4j.createFromArray(density);
    }

    private INDArray conditionOn(double[] observed) {
        Parameters.check("observed", observed, dataDimension);
        for (double value : observed) {
            if (Double.isInfinite(value)) {
                throw new IllegalArgumentException("observed: expected finite values, found " + value);
            }
        }
        return context.observed(observed).castTo(DataType.FLOAT);
    }

    /** The fraction of draws the last {@link #sample} call rejected as outside the prior's support (NaN before). */
    public double leakage() {
        return leakage;
    }

    /** The held-out pairs' mean NLL of the kept flow, in nats. */
    public double validationNll() {
        return validationNll;
    }

    /** The epochs trained (including the patience after the best). */
    public int epochs() {
        return epochs;
    }

    public Flow flow() {
        return flow;
    }
}
