package org.dl4jlvm.examples.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Objects;

/**
 * Training examples per second of one end-to-end case and implementation over several rounds, each round one whole
 * training run. Kept as the {@link Timing} of one example per round, so that rounds pool as iterations do.
 */
public final class Throughput {
    private final String trainingCase;
    private final String implementation;
    private final String threads;
    private final Timing perExample;

    public Throughput(String trainingCase, String implementation, String threads, Timing perExample) {
        this.trainingCase = Objects.requireNonNull(trainingCase, "trainingCase");
        this.implementation = Objects.requireNonNull(implementation, "implementation");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.perExample = Objects.requireNonNull(perExample, "perExample");
    }

    /** One round: {@code examples} trained on in {@code seconds}. */
    public static Throughput of(String trainingCase, String implementation, String threads, double examples, double seconds) {
        return new Throughput(trainingCase, implementation, threads, new Timing(1000 * seconds / examples));
    }

    /** The rounds of one case and implementation together. */
    public static Throughput pooled(List<Throughput> rounds) {
        Throughput first = rounds.get(0);
        return new Throughput(first.trainingCase, first.implementation, first.threads,
                Timing.pooled(rounds.stream().map(t -> t.perExample).collect(Collectors.toList())));
    }

    public String trainingCase() {
        return trainingCase;
    }

    public String implementation() {
        return implementation;
    }

    public String threads() {
        return threads;
    }

    public int rounds() {
        return perExample.iterations();
    }

    /** Examples per second of the median round. */
    public double median() {
        return 1000 / perExample.median();
    }

    /** Examples per second of the slowest round. */
    public double slowest() {
        return 1000 / perExample.max();
    }

    /** Examples per second of the fastest round. */
    public double fastest() {
        return 1000 / perExample.min();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("case", trainingCase);
        map.put("implementation", implementation);
        map.put("threads", threads);
        map.put("rounds", rounds());
        map.put("examples_per_second_median", median());
        map.put("examples_per_second_min", slowest());
        map.put("examples_per_second_max", fastest());
        return map;
    }
}
