package org.dl4jlvm.examples.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The end-to-end table: examples per second of whole training runs, the commands against PyTorch training scripts
 * over the same data, and their ratio per case against its goal ({@link #goal}), PyTorch taken at its best where it
 * ran at several thread settings.
 */
public final class TrainingReport {
    /** The goal of the VAE and RealNVP runs. */
    public static final double GOAL = 1.2;
    /** The goal of the runs of the second-generation models: MAF, NSF, the convolutional VAE and the multi-scale flow. */
    public static final double SECOND_GENERATION_GOAL = 1.0;
    private static final List<String> SECOND_GENERATION = List.of("maf-2", "nsf-2", "conv-vae", "multiscale");
    private final List<Throughput> results;

    public TrainingReport(List<Throughput> results) {
        this.results = new ArrayList<>(results);
    }

    public boolean isEmpty() {
        return results.isEmpty();
    }

    /** The fastest median of {@code implementation}'s runs of {@code trainingCase}, over its thread settings. */
    public Optional<Throughput> best(String trainingCase, String implementation) {
        return results.stream().filter(t -> t.trainingCase().equals(trainingCase) && t.implementation().equals(implementation))
                .max(Comparator.comparingDouble(Throughput::median));
    }

    /** Our median examples per second over PyTorch's at its best (its fastest thread setting) for {@code trainingCase}. */
    public OptionalDouble speedOverPyTorch(String trainingCase) {
        Optional<Throughput> ours = best(trainingCase, Measurement.DL4J);
        Optional<Throughput> theirs = best(trainingCase, Measurement.PYTORCH);
        return ours.isPresent() && theirs.isPresent() ? OptionalDouble.of(ours.get().median() / theirs.get().median())
                : OptionalDouble.empty();
    }

    /**
     * The ratio a case aims at: {@value #SECOND_GENERATION_GOAL} for MAF, NSF, the convolutional VAE and the multi-scale
     * flow (issues 16, 17 and 19), {@value #GOAL} for the others.
     */
    public static double goal(String trainingCase) {
        return SECOND_GENERATION.stream().anyMatch(trainingCase::endsWith) ? SECOND_GENERATION_GOAL : GOAL;
    }

    private List<String> cases() {
        return results.stream().map(Throughput::trainingCase).distinct().collect(Collectors.toList());
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("| training run | implementation | threads | rounds | examples / s: median (min - max) |\n"
                + "| --- | --- | --- | --- | --- |\n");
        for (Throughput t : results) {
            out.append(String.format("| %s | %s | %s | %d | %.0f (%.0f - %.0f) |%n", t.trainingCase(), t.implementation(),
                    t.threads(), t.rounds(), t.median(), t.slowest(), t.fastest()));
        }
        out.append("\n| ratio | value | goal |\n| --- | --- | --- |\n");
        for (String trainingCase : cases()) {
            OptionalDouble ratio = speedOverPyTorch(trainingCase);
            String against = best(trainingCase, Measurement.PYTORCH).map(t -> " (" + t.threads() + ")").orElse("");
            out.append(String.format("| %s: examples / s dl4j-lvm / PyTorch's best%s | %s | >= %.2f |%n", trainingCase,
                    against, ratio.isPresent() ? String.format("%.2f", ratio.getAsDouble()) : "n/a", goal(trainingCase)));
        }
        return out.toString();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("runs", results.stream().map(Throughput::toMap).collect(Collectors.toList()));
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (String trainingCase : cases()) {
            speedOverPyTorch(trainingCase).ifPresent(r -> ratios.put(trainingCase + "_examples_per_second_over_pytorch", r));
        }
        map.put("ratios", ratios);
        return map;
    }
}
