package org.dl4jlvm.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.dl4jlvm.sbi.ClassifierTwoSampleTest;
import org.dl4jlvm.sbi.Posterior;
import org.dl4jlvm.sbi.Simulations;
import org.dl4jlvm.sbi.TwoMoons;

/**
 * The {@code sbi} command's comparison with the exact two-moons posterior, as sbibm scores a method: for each of
 * several observations (theta drawn from the prior, x simulated, both seeded), the classifier two-sample test between
 * the trained posterior's samples and as many exact ones ({@link TwoMoons#posteriorSamples}), and the mean.
 */
final class ExactComparison {
    private ExactComparison() {
    }

    /** The C2ST of each of {@code observations} observations and their mean, for metrics.json. */
    static Map<String, Object> twoMoons(Posterior posterior, int observations, int samples, long seed, IntConsumer progress) {
        TwoMoons moons = new TwoMoons();
        List<Object> each = new ArrayList<>();
        double sum = 0;
        for (int o = 0; o < observations; o++) {
            long stream = seed + 5_000_011L + o;
            double[] theta = moons.prior().sample(Simulations.generator(stream, 0));
            double[] x = moons.simulate(theta, Simulations.generator(stream, 1));
            double[][] exact = moons.posteriorSamples(x, samples, Simulations.generator(stream, 2));
            double[][] learned = posterior.sample(samples, x, stream).toDoubleMatrix();
            double accuracy = ClassifierTwoSampleTest.accuracy(exact, learned, stream);
            sum += accuracy;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("theta", theta);
            entry.put("observed", x);
            entry.put("c2st", accuracy);
            each.add(entry);
            progress.accept(o + 1);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("samples", samples);
        result.put("observations", each);
        result.put("mean", sum / observations);
        return result;
    }
}
