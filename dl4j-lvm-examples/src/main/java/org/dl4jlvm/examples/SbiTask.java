package org.dl4jlvm.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.dl4jlvm.data.CsvData;
import org.dl4jlvm.flows.embedding.ConvolutionalEmbedding;
import org.dl4jlvm.flows.embedding.MlpEmbedding;
import org.dl4jlvm.sbi.Posterior;
import org.dl4jlvm.sbi.PosteriorEstimator;
import org.dl4jlvm.sbi.Ricker;
import org.dl4jlvm.sbi.Simulations;
import org.dl4jlvm.sbi.Simulator;
import org.dl4jlvm.sbi.SummaryStatistics;
import org.dl4jlvm.sbi.TwoMoons;
import org.dl4jlvm.sbi.WoodStatistics;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What the {@code sbi} command infers from: a simulator (ricker, two-moons, or a user's {@link Simulator} class on the
 * classpath, named by its class name) that draws fresh pairs, or pairs (theta, x) read from a CSV file whose first K
 * columns are theta. A file's last {@code --sbc-pairs} rows are kept for calibration, the rest train; its posterior
 * knows no prior, so it rejects no draw.
 */
final class SbiTask {
    private static final double[] TWO_MOONS_THETA = {0.5, 0.25};
    /** The seed of two moons' default observation: Ricker's, {@value}. */
    private static final long TWO_MOONS_SEED = Ricker.DEFAULT_SEED;

    /** The simulator; null for pairs from a file. */
    private final Simulator simulator;
    /** The pairs read from a file; null for a simulator. */
    private final Simulations filePairs;
    final String[] names;
    final int dataDimension;
    /** The theta of the default observation, or null when there is none. */
    final double[] defaultTheta;
    /** The default observation, simulated at {@link #defaultTheta} with a fixed seed, or null when there is none. */
    final double[] defaultObservation;
    /** What {@code --summaries raw} conditions on: log(1 + y) for Ricker's counts, else the data themselves (null). */
    private final SummaryStatistics rawContext;

    /** A simulator's task, with its default observation and its theta when it has one. */
    private SbiTask(Simulator simulator, double[] defaultTheta, double[] defaultObservation, SummaryStatistics rawContext) {
        this.simulator = simulator;
        this.filePairs = null;
        this.names = simulator.parameterNames();
        this.dataDimension = simulator.dataDimension();
        this.defaultTheta = defaultTheta;
        this.defaultObservation = defaultObservation;
        this.rawContext = rawContext;
    }

    /** Pairs from a file, their parameters named by the file's header. */
    private SbiTask(Simulations filePairs, String[] names) {
        this.simulator = null;
        this.filePairs = filePairs;
        this.names = names;
        this.dataDimension = (int) filePairs.data().size(1);
        this.defaultTheta = null;
        this.defaultObservation = null;
        this.rawContext = null;
    }

    /** ricker, two-moons or a class name implementing {@link Simulator} with a public constructor without arguments. */
    static SbiTask simulator(String task) {
        switch (task) {
            case "ricker":
                Ricker ricker = new Ricker();
                return new SbiTask(ricker, Ricker.DEFAULT_THETA.clone(), ricker.defaultObservation(), new LogCounts());
            case "two-moons":
                TwoMoons moons = new TwoMoons();
                return new SbiTask(moons, TWO_MOONS_THETA.clone(),
                        moons.simulate(TWO_MOONS_THETA, Simulations.generator(TWO_MOONS_SEED, 0)), null);
            default:
                return new SbiTask(load(task), null, null, null);
        }
    }

    private static Simulator load(String task) {
        Class<?> type;
        try {
            type = Class.forName(task);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--task: expected ricker, two-moons or the class name of a Simulator on the "
                    + "classpath, found '" + task + "'");
        }
        if (!Simulator.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("--task: expected a class implementing " + Simulator.class.getName()
                    + ", found " + type.getName() + ", which does not");
        }
        try {
            return (Simulator) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("--task: expected " + type.getName() + " to have a public constructor "
                    + "without arguments, found none that works (" + e + ")");
        }
    }

    /** Pairs from a CSV file: the first {@code parameters} columns are theta, the others x. */
    static SbiTask file(Path csv, int parameters) throws IOException {
        CsvData data = CsvData.read(csv);
        int width = data.header().size();
        if (parameters < 1 || parameters >= width) {
            throw new IllegalArgumentException("--parameters: expected between 1 and " + (width - 1) + " (the file "
                    + csv + " has " + width + " columns, and x needs at least one), found " + parameters);
        }
        double[][] theta = data.values().get(NDArrayIndex.all(), NDArrayIndex.interval(0, parameters)).toDoubleMatrix();
        double[][] x = data.values().get(NDArrayIndex.all(), NDArrayIndex.interval(parameters, width)).toDoubleMatrix();
        return new SbiTask(Simulations.of(theta, x), data.header().subList(0, parameters).toArray(new String[0]));
    }

    boolean fromFile() {
        return filePairs != null;
    }

    /** Whether the exact posterior is known (two moons), so that {@code --c2st} can score against it. */
    boolean exactPosterior() {
        return simulator instanceof TwoMoons;
    }

    /** {@code --summaries} when not given: Wood's statistics for Ricker, the data themselves otherwise. */
    String defaultSummaries() {
        return simulator instanceof Ricker ? "wood" : "raw";
    }

    /**
     * The training pairs: {@code n} fresh simulations (telling {@code progress} the count done), or the file's rows
     * before the last {@code held}.
     */
    Simulations trainingPairs(int n, int held, long seed, IntConsumer progress) {
        if (simulator != null) {
            return Simulations.draw(simulator, n, seed, progress);
        }
        if (held >= filePairs.size()) {
            throw new IllegalArgumentException("--sbc-pairs: expected fewer than the file's " + filePairs.size()
                    + " pairs, found " + held);
        }
        return filePairs.rows(0, filePairs.size() - held);
    }

    /** The pairs for calibration: {@code held} fresh simulations, or the file's last {@code held} rows. */
    Simulations calibrationPairs(int held, long seed) {
        return simulator != null ? Simulations.draw(simulator, held, seed)
                : filePairs.rows(filePairs.size() - held, filePairs.size());
    }

    /** The estimator trained on the pairs, restricted to the prior's support when the simulator is known. */
    Posterior train(PosteriorEstimator estimator, Simulations pairs) {
        return simulator != null ? estimator.train(simulator, pairs) : estimator.train(pairs);
    }

    /**
     * The estimator conditioned as {@code --summaries} says: wood (Ricker's fixed statistics), raw (the data, or
     * Ricker's log counts), mlp or conv (a network over what raw gives, trained with the flow).
     */
    PosteriorEstimator condition(PosteriorEstimator estimator, String summaries) {
        switch (summaries) {
            case "wood":
                if (!(simulator instanceof Ricker)) {
                    throw new IllegalArgumentException("--summaries: expected raw, mlp or conv (wood, Wood's statistics, "
                            + "is for ricker's counts), found wood");
                }
                return estimator.summaries(new WoodStatistics());
            case "raw":
                return estimator.summaries(rawContext);
            case "mlp":
                return estimator.summaries(rawContext).embedding(new MlpEmbedding(20, 50, 50));
            case "conv":
                // two blocks of 8 and 16 channels, kernel 5, then 50 units and 20 outputs
                return estimator.summaries(rawContext).embedding(new ConvolutionalEmbedding(20, new int[] {8, 16}, 5, 50));
            default:
                throw new IllegalArgumentException("--summaries: expected wood, raw, mlp or conv, found '" + summaries + "'");
        }
    }

    /** log(1 + y) of each count: Ricker's raw series as the context, on a scale a network takes. */
    private static final class LogCounts implements SummaryStatistics {
        @Override
        public int dimension() {
            return Ricker.STEPS;
        }

        @Override
        public double[] compute(double[] data) {
            return Arrays.stream(data).map(Math::log1p).toArray();
        }
    }
}
