package org.dl4jlvm.examples.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The benchmark's table and JSON: every {@link Measurement}, its share of the SGEMM roofline, and the ratios the
 * speed goals are stated in: throughput ours / PyTorch per case (goal at least 1), and the time of our SameDiff VAE
 * over the same VAE in DL4J's built-in layers (goal at most 1.05).
 */
public final class BenchReport {
    public static final String ROOFLINE = "sgemm";
    public static final String VAE = "vae";
    public static final double GUARD_GOAL = 0.03;

    private final List<Measurement> measurements;
    private final Map<String, Object> settings;
    private final String referenceNote;
    private final Map<String, Timing> guards;

    /**
     * @param measurements  every case and implementation, including the {@value #ROOFLINE} case
     * @param guards        the NaN guard's time per case of ours, measured beside its step
     * @param settings      what the run used (threads, backend, ...), reported as they are
     * @param referenceNote why PyTorch rows are missing, or null when they were measured
     */
    public BenchReport(List<Measurement> measurements, Map<String, Timing> guards, Map<String, Object> settings,
            String referenceNote) {
        this.measurements = new ArrayList<>(measurements);
        this.guards = new LinkedHashMap<>(guards);
        this.settings = new LinkedHashMap<>(settings);
        this.referenceNote = referenceNote;
    }

    /** The NaN guard's median time over the median step of {@code benchCase} (goal at most {@value #GUARD_GOAL}). */
    public OptionalDouble guardShare(String benchCase) {
        Timing guard = guards.get(benchCase);
        Optional<Measurement> step = find(benchCase, Measurement.DL4J);
        return guard == null || step.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(guard.median() / step.get().timing().median());
    }

    public Optional<Measurement> find(String benchCase, String implementation) {
        return measurements.stream()
                .filter(m -> m.benchCase().equals(benchCase) && m.implementation().equals(implementation)).findFirst();
    }

    /** Our throughput over PyTorch's for {@code benchCase}: PyTorch's median time over ours (goal >= 1). */
    public OptionalDouble speedOverPyTorch(String benchCase) {
        return ratio(benchCase, Measurement.PYTORCH, benchCase, Measurement.DL4J);
    }

    /** Our VAE's median time over the built-in VAE's (what the SameDiff layers cost; goal <= 1.05). */
    public OptionalDouble sameDiffCost() {
        return ratio(VAE, Measurement.DL4J, VAE, Measurement.BUILT_IN);
    }

    /** Achieved FLOP/s of {@code m} over the roofline's. */
    public OptionalDouble ofRoofline(Measurement m) {
        return find(ROOFLINE, Measurement.DL4J)
                .map(roof -> OptionalDouble.of(m.flopsPerSecond() / roof.flopsPerSecond())).orElse(OptionalDouble.empty());
    }

    private OptionalDouble ratio(String numeratorCase, String numerator, String denominatorCase, String denominator) {
        Optional<Measurement> top = find(numeratorCase, numerator);
        Optional<Measurement> bottom = find(denominatorCase, denominator);
        if (top.isEmpty() || bottom.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(top.get().timing().median() / bottom.get().timing().median());
    }

    /** The cases, in the order first measured, without the roofline. */
    private List<String> cases() {
        List<String> cases = new ArrayList<>();
        for (Measurement m : measurements) {
            if (!cases.contains(m.benchCase()) && !m.benchCase().equals(ROOFLINE)) {
                cases.add(m.benchCase());
            }
        }
        return cases;
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| case | implementation | threads | batch | ms / iteration: median (min - max) | mean | examples / s "
                + "| GFLOP/s | of roofline |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Measurement m : measurements) {
            out.append(String.format("| %s | %s | %d | %d | %.2f (%.2f - %.2f) | %.2f | %.0f | %.1f | %s |%n", m.benchCase(),
                    m.implementation(), m.threads(), m.batch(), m.timing().median(), m.timing().min(), m.timing().max(),
                    m.timing().mean(),
                    m.examplesPerSecond(), m.flopsPerSecond() / 1e9, percent(ofRoofline(m))));
        }
        out.append("\n| ratio | value | goal |\n| --- | --- | --- |\n");
        for (String benchCase : cases()) {
            if (find(benchCase, Measurement.DL4J).isPresent()) {
                out.append(String.format("| %s: throughput dl4j-lvm / PyTorch | %s | >= 1.00 |%n", benchCase,
                        number(speedOverPyTorch(benchCase))));
            }
        }
        out.append(String.format("| %s: time SameDiff layers / built-in layers | %s | <= 1.05 |%n", VAE, number(sameDiffCost())));
        if (!guards.isEmpty()) {
            out.append("\n| NaN guard (ObjectivePartsListener) | ms / iteration: median | share of the step | goal |\n"
                    + "| --- | --- | --- | --- |\n");
            guards.forEach((benchCase, guard) -> out.append(String.format("| %s | %.3f | %s | <= %.0f%% |%n", benchCase,
                    guard.median(), percent(guardShare(benchCase)), 100 * GUARD_GOAL)));
        }
        if (referenceNote != null) {
            out.append("\nPyTorch reference not measured: ").append(referenceNote).append('\n');
        }
        return out.toString();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("settings", settings);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Measurement m : measurements) {
            Map<String, Object> row = m.toMap();
            ofRoofline(m).ifPresent(share -> row.put("of_roofline", share));
            rows.add(row);
        }
        map.put("measurements", rows);
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (String benchCase : cases()) {
            speedOverPyTorch(benchCase).ifPresent(r -> ratios.put(benchCase + "_throughput_over_pytorch", r));
        }
        sameDiffCost().ifPresent(r -> ratios.put("vae_samediff_over_builtin_time", r));
        guards.keySet().forEach(benchCase -> guardShare(benchCase).ifPresent(r -> ratios.put(benchCase + "_guard_share_of_step", r)));
        map.put("ratios", ratios);
        map.put("pytorch_reference", referenceNote == null ? "measured" : referenceNote);
        return map;
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() ? String.format("%.2f", value.getAsDouble()) : "n/a";
    }

    private static String percent(OptionalDouble value) {
        return value.isPresent() ? String.format("%.1f%%", 100 * value.getAsDouble()) : "n/a";
    }
}
