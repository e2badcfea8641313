package org.dl4jlvm.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.dl4jlvm.core.Checks;
import org.dl4jlvm.flows.FlowGraphBuilder;
import org.dl4jlvm.sbi.Calibration;
import org.dl4jlvm.sbi.Posterior;
import org.dl4jlvm.sbi.PosteriorEstimator;
import org.dl4jlvm.sbi.Simulations;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Amortised simulation-based inference: a conditional flow learns p(theta | x) from simulations. */
@Command(name = "sbi", mixinStandardHelpOptions = true,
        description = "Neural posterior estimation for a simulator (--task ricker, two-moons or a Simulator class name) or "
                + "for pairs from a CSV file (--pairs FILE --parameters K): simulate pairs, train a conditional flow on "
                + "them, sample the posterior of an observation; write posterior_samples.csv, corner.png, sbc.png and "
                + "metrics.json.")
public final class SbiCommand implements Callable<Integer> {
    private static final double[] LEVELS = {0.5, 0.8, 0.9, 0.95};

    @Option(names = "--task", description = "ricker, two-moons, or the class name of a Simulator on the classpath with a "
            + "public constructor without arguments (default: two-moons, unless --pairs).")
    String task;

    @Option(names = "--pairs", paramLabel = "FILE",
            description = "Pairs (theta, x) from a CSV file instead of a simulator: the first --parameters columns are theta. "
                    + "The last --sbc-pairs rows calibrate, the others train; the prior is unknown, so no draw is rejected.")
    Path pairsFile;

    @Option(names = "--parameters", paramLabel = "K", description = "The number of theta columns in --pairs.")
    Integer parameters;

    @Option(names = "--simulations", defaultValue = "10000",
            description = "Simulated pairs (default: ${DEFAULT-VALUE}); with --pairs, the file's rows are the pairs.")
    int simulations;

    @Option(names = "--observed", paramLabel = "FILE",
            description = "The observation as one CSV line (50 counts for ricker, 2 numbers for two-moons); default: "
                    + "simulated at ricker's (3.8, 0.3, 10) or two-moons' (0.5, 0.25) with a fixed seed; required "
                    + "for other simulators and for --pairs.")
    Path observed;

    @Option(names = "--samples", defaultValue = "10000", description = "Posterior samples (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--kind", defaultValue = "NSF", description = "The flow: NSF or MAF (default: ${DEFAULT-VALUE}).")
    FlowGraphBuilder.Kind kind;

    @Option(names = "--steps", defaultValue = "5", description = "Steps of the flow (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--hidden", split = ",", defaultValue = "50,50",
            description = "Hidden sizes of the flow's conditioners (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--bins", defaultValue = "10", description = "Bins of NSF's splines (default: ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--summaries",
            description = "What the flow is conditioned on: wood (ricker's Wood statistics), raw (the data; ricker's as "
                    + "log(1 + y)), or a network over raw trained with the flow: mlp (2 x 50 units) or conv (a 1-D "
                    + "convolution along the series) (default: wood for ricker, raw otherwise).")
    String summaries;

    @Option(names = "--max-epochs", defaultValue = "1000", description = "Training epochs at most (default: ${DEFAULT-VALUE}).")
    int maxEpochs;

    @Option(names = "--sbc-pairs", defaultValue = "200",
            description = "Fresh pairs for simulation-based calibration (default: ${DEFAULT-VALUE}).")
    int sbcPairs;

    @Option(names = "--sbc-draws", defaultValue = "100", description = "Posterior draws per SBC pair (default: ${DEFAULT-VALUE}).")
    int sbcDraws;

    @Option(names = "--c2st", defaultValue = "0", paramLabel = "N",
            description = "two-moons only: score the posterior against the exact one at N observations drawn from the "
                    + "prior, by the classifier two-sample test on --samples draws a side (default: ${DEFAULT-VALUE}, none).")
    int c2st;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of simulations, weights and sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "out/sbi", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    /** The task the options name: --pairs with --parameters, or --task (two-moons when neither is given). */
    private SbiTask task() throws IOException {
        if (pairsFile == null) {
            if (parameters != null) {
                throw new IllegalArgumentException("--parameters: expected only with --pairs (it counts the file's theta "
                        + "columns), found " + parameters + " without");
            }
            task = task == null ? "two-moons" : task;
            return SbiTask.simulator(task);
        }
        if (task != null) {
            throw new IllegalArgumentException("--task: expected --task or --pairs, found both (" + task + " and "
                    + pairsFile + ")");
        }
        if (parameters == null) {
            throw new IllegalArgumentException("--parameters: expected the number K of theta columns in " + pairsFile
                    + ", found none");
        }
        return SbiTask.file(pairsFile, parameters);
    }

    @Override
    public Integer call() throws Exception {
        Checks.atLeastOne("--simulations", simulations);
        Checks.atLeastOne("--samples", samples);
        Checks.atLeastOne("--sbc-pairs", sbcPairs);
        Checks.atLeastOne("--sbc-draws", sbcDraws);
        if (kind != FlowGraphBuilder.Kind.NSF && kind != FlowGraphBuilder.Kind.MAF) {
            throw new IllegalArgumentException("--kind: expected NSF or MAF, found " + kind);
        }
        SbiTask sbiTask = task();
        if (c2st < 0 || c2st > 0 && !sbiTask.exactPosterior()) {
            throw new IllegalArgumentException("--c2st: expected 0, or observations to score for two-moons (the task "
                    + "with an exact posterior), found " + c2st + " for " + (task == null ? "--pairs" : task));
        }
        String context = summaries != null ? summaries : sbiTask.defaultSummaries();
        PosteriorEstimator estimator = sbiTask.condition(new PosteriorEstimator(), context);
        double[] x = observed != null ? readObservation(observed, sbiTask.dataDimension) : sbiTask.defaultObservation;
        if (x == null) {
            throw new IllegalArgumentException("--observed: expected a CSV line of " + sbiTask.dataDimension + " numbers ("
                    + (sbiTask.fromFile() ? "pairs from a file have" : "the simulator " + task + " has")
                    + " no default observation), found none");
        }
        double[] truth = observed == null ? sbiTask.defaultTheta : null;
        Files.createDirectories(out);
        long start = System.nanoTime();

        Simulations pairs;
        if (sbiTask.fromFile()) {
            pairs = sbiTask.trainingPairs(simulations, sbcPairs, seed, done -> { });
        } else {
            try (ProgressBar bar = ProgressListener.bar("simulate", simulations)) {
                pairs = sbiTask.trainingPairs(simulations, sbcPairs, seed, bar::stepTo);
            }
        }
        double simulationSeconds = (System.nanoTime() - start) / 1e9;
        Posterior posterior;
        try (ProgressListener progress = new ProgressListener("train", -1, "")) {
            posterior = sbiTask.train(estimator.kind(kind).steps(steps).hidden(hidden).bins(bins).maxEpochs(maxEpochs)
                    .seed(seed).listeners(progress), pairs);
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9 - simulationSeconds;
        INDArray theta = posterior.sample(samples, x, seed);
        double leakage = posterior.leakage();
        Calibration calibration;
        try (ProgressBar bar = ProgressListener.bar("calibrate", sbcPairs)) {
            Simulations fresh = sbiTask.calibrationPairs(sbcPairs, seed + 1_000_003L);
            calibration = Calibration.of((n, o, s) -> {
                bar.step();
                return posterior.sample(n, o, s);
            }, fresh, sbcDraws, LEVELS, seed);
        }

        String[] names = sbiTask.names;
        double[][] rows = theta.toDoubleMatrix();
        writeSamples(rows, names, out.resolve("posterior_samples.csv"));
        SbiPictures.corner(rows, names, truth, out.resolve("corner.png"));
        SbiPictures.ranks(ranks(calibration, names.length), sbcDraws, names, out.resolve("sbc.png"));
        Metrics metrics = new Metrics().put("command", "sbi").put("task", sbiTask.fromFile() ? "pairs " + pairsFile : task)
                .put("kind", kind.name()).put("steps", steps)
                .put("hidden", hidden).put("bins", bins).put("summaries", context).put("simulations", pairs.size())
                .put("seed", seed).put("observed", x).put("simulation_seconds", simulationSeconds)
                .put("train_seconds", trainSeconds).put("seconds", (System.nanoTime() - start) / 1e9)
                .put("epochs", posterior.epochs()).put("validation_nll", posterior.validationNll())
                .put("leakage", leakage);
        if (truth != null) {
            metrics.put("theta_true", truth);
        }
        metrics.put("posterior", summary(rows, names, truth)).put("sbc_pairs", sbcPairs).put("sbc_draws", sbcDraws)
                .put("sbc_ks_p", byName(names, calibration.pValues())).put("coverage", coverage(calibration, names));
        if (c2st > 0) {
            try (ProgressBar bar = ProgressListener.bar("c2st", c2st)) {
                metrics.put("c2st_exact", ExactComparison.twoMoons(posterior, c2st, samples, seed, bar::stepTo));
            }
        }
        metrics.write(out.resolve("metrics.json"));
        System.out.println("wrote " + out.toAbsolutePath() + ": posterior_samples.csv, corner.png, sbc.png, metrics.json");
        return 0;
    }

    /** One CSV line of numbers, as many as the simulator's data have. */
    static double[] readObservation(Path file, int length) throws IOException {
        String line = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--observed: expected one CSV line in " + file + ", found none"));
        String[] fields = line.split(",");
        if (fields.length != length) {
            throw new IllegalArgumentException("--observed: expected " + length + " numbers in " + file + ", found "
                    + fields.length);
        }
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            try {
                values[i] = Double.parseDouble(fields[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--observed: expected a number at position " + (i + 1) + " of " + file
                        + ", found '" + fields[i].trim() + "'");
            }
        }
        return values;
    }

    private static void writeSamples(double[][] rows, String[] names, Path file) throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", names)).append('\n');
        for (double[] row : rows) {
            for (int k = 0; k < row.length; k++) {
                csv.append(k == 0 ? "" : ",").append(row[k]);
            }
            csv.append('\n');
        }
        Files.writeString(file, csv);
    }

    private static Map<String, Object> summary(double[][] rows, String[] names, double[] truth) {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (int k = 0; k < names.length; k++) {
            int j = k;
            double[] values = Arrays.stream(rows).mapToDouble(r -> r[j]).sorted().toArray();
            double mean = Arrays.stream(values).average().orElse(Double.NaN);
            double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, values.length - 1);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("mean", mean);
            entry.put("sd", Math.sqrt(variance));
            double[] interval = Calibration.centralInterval(values, 0.9);
            entry.put("q05", interval[0]);
            entry.put("q95", interval[1]);
            if (truth != null) {
                entry.put("true_inside_90", truth[k] >= interval[0] && truth[k] <= interval[1]);
            }
            summary.put(names[k], entry);
        }
        return summary;
    }

    private static Map<String, Object> byName(String[] names, double[] values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int k = 0; k < names.length; k++) {
            map.put(names[k], values[k]);
        }
        return map;
    }

    private static Map<String, Object> coverage(Calibration calibration, String[] names) {
        Map<String, Object> map = new LinkedHashMap<>();
        double[][] covered = calibration.coverage();
        for (int k = 0; k < names.length; k++) {
            Map<String, Object> levels = new LinkedHashMap<>();
            for (int l = 0; l < LEVELS.length; l++) {
                levels.put(String.valueOf(LEVELS[l]), covered[k][l]);
            }
            map.put(names[k], levels);
        }
        return map;
    }

    private static int[][] ranks(Calibration calibration, int k) {
        int[][] ranks = new int[k][];
        for (int j = 0; j < k; j++) {
            ranks[j] = calibration.ranks(j);
        }
        return ranks;
    }
}
