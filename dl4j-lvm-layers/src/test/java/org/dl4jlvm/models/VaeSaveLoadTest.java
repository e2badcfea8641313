package org.dl4jlvm.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.dl4jlvm.TestData;
import org.dl4jlvm.likelihood.BernoulliLikelihood;
import org.dl4jlvm.likelihood.GaussianLikelihood;
import org.dl4jlvm.likelihood.LaplaceLikelihood;
import org.dl4jlvm.likelihood.LikelihoodOutputLayer;
import org.dl4jlvm.training.HostAdam;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.dl4jlvm.vae.GaussianSamplingLayer;
import org.dl4jlvm.vae.KlRegularizerOutputLayer;
import org.dl4jlvm.vae.LinearWarmup;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.RampSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Every option of {@link VaeGraphBuilder}, every beta schedule and the README's hand-built VAE survive
 * {@code ModelSerializer} with identical outputs, scores and updater state, and train on after loading exactly as
 * the model that was never saved.
 */
class VaeSaveLoadTest {
    private static final int D = 12;
    private static final INDArray X = TestData.binary(48, D, 5, DataType.FLOAT);

    static Map<String, Supplier<ComputationGraphConfiguration>> configurations() {
        Map<String, Supplier<ComputationGraphConfiguration>> cases = new LinkedHashMap<>();
        cases.put("defaults", () -> new VaeGraphBuilder(D, 3).build());
        cases.put("sizes, activation, seed, updater", () -> new VaeGraphBuilder(D, 2).encoderSizes(10, 8).decoderSizes(8)
                .activation(Activation.TANH).seed(3).updater(new Sgd(0.05)).build());
        cases.put("beta", () -> new VaeGraphBuilder(D, 3).beta(0.5).build());
        cases.put("warm-up (issue: RampSchedule did not load)", () -> new VaeGraphBuilder(D, 8).encoderSizes(16)
                .decoderSizes(16).warmupIterations(100).build());
        cases.put("exponential beta schedule", () -> new VaeGraphBuilder(D, 3)
                .betaSchedule(new ExponentialSchedule(ScheduleType.ITERATION, 2.0, 0.9)).build());
        cases.put("warm-up of a schedule", () -> new VaeGraphBuilder(D, 3)
                .betaSchedule(new ExponentialSchedule(ScheduleType.EPOCH, 1.0, 0.5)).warmupIterations(3).build());
        cases.put("Gaussian, learned variance", () -> new VaeGraphBuilder(D, 3).likelihood(GaussianLikelihood.learnedVariance()).build());
        cases.put("Gaussian, fixed variance", () -> new VaeGraphBuilder(D, 3).likelihood(GaussianLikelihood.fixedVariance(0.2)).build());
        cases.put("Laplace, learned scale", () -> new VaeGraphBuilder(D, 3).likelihood(LaplaceLikelihood.learnedScale()).build());
        cases.put("Laplace, fixed scale", () -> new VaeGraphBuilder(D, 3).likelihood(LaplaceLikelihood.fixedScale(0.3)).build());
        cases.put("double precision", () -> new VaeGraphBuilder(D, 3).dataType(DataType.DOUBLE).build());
        cases.put("README: VAEs in your own graph", VaeSaveLoadTest::readmeGraph);
        return cases;
    }

    static Iterable<String> names() {
        return configurations().keySet();
    }

    /** The graph of the README's "VAEs in your own graph", at this test's sizes. */
    private static ComputationGraphConfiguration readmeGraph() {
        return new NeuralNetConfiguration.Builder()
                .updater(new HostAdam(1e-3)).weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("input").setInputTypes(InputType.feedForward(D))
                .addLayer("encoder", new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build(), "input")
                .addLayer("encoderHead", new DenseLayer.Builder().nOut(2 * 4).activation(Activation.IDENTITY).build(), "encoder")
                .addLayer("z", new GaussianSamplingLayer.Builder().build(), "encoderHead")
                .addLayer("decoder", new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build(), "z")
                .addLayer("decoderOut", new DenseLayer.Builder().nOut(D).activation(Activation.IDENTITY).build(), "decoder")
                .addLayer("reconstruction", new LikelihoodOutputLayer(new BernoulliLikelihood()), "decoderOut")
                .addLayer("kl", new KlRegularizerOutputLayer.Builder().beta(1.0).warmupIterations(1000).build(), "encoderHead")
                .setOutputs("reconstruction", "kl")
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void savesLoadsAndTrainsOn(String name) throws Exception {
        ComputationGraph graph = new ComputationGraph(configurations().get(name).get());
        graph.init();
        INDArray x = X.castTo(graph.params().dataType());
        fitOnce(graph, x);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertEquals(graph.getConfiguration(), restored.getConfiguration(), name);
        assertEquals(graph.params(), restored.params(), name);
        assertEquals(graph.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray(), name);
        assertEquals(graph.getIterationCount(), restored.getIterationCount(), name);
        INDArray[] expected = graph.output(x);
        INDArray[] actual = restored.output(x);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], name + ": output " + i);
        }

        INDArray before = graph.params().dup();
        fitOnce(graph, x);
        fitOnce(restored, x);
        assertTrue(graph.params().neq(before).any(), name + ": training moved the parameters");
        assertEquals(graph.params(), restored.params(), name + ": the loaded model trains on as the saved one");
        assertEquals(graph.score(), restored.score(), 0.0, name);
    }

    /** One pass over x with the sampling noise seeded, so that two graphs see the same noise. */
    private static void fitOnce(ComputationGraph graph, INDArray x) {
        Nd4j.getRandom().setSeed(99);
        graph.fit(new UnsupervisedIterator(graph, TestData.iterator(x, 16, 4)));
    }

    @Test
    void aScheduleThatCannotBeLoadedIsRefusedWhenItIsGiven() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new VaeGraphBuilder(D, 3).betaSchedule(new RampSchedule(new FixedSchedule(1.0), 10)));
        assertTrue(error.getMessage().startsWith("betaSchedule: expected a value that DL4J's JSON can save and load back"),
                error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new KlRegularizerOutputLayer.Builder().betaSchedule(new RampSchedule(new FixedSchedule(1.0), 10)));
    }

    @Test
    void linearWarmupGivesRampSchedulesValues() {
        RampSchedule ramp = new RampSchedule(new ExponentialSchedule(ScheduleType.ITERATION, 2.0, 0.99), 7);
        LinearWarmup warmup = new LinearWarmup(new ExponentialSchedule(ScheduleType.ITERATION, 2.0, 0.99), 7);
        for (int iteration = 0; iteration < 20; iteration++) {
            assertEquals(ramp.valueAt(iteration, 1), warmup.valueAt(iteration, 1), 1e-15, "iteration " + iteration);
        }
        assertThrows(IllegalArgumentException.class, () -> new LinearWarmup(new FixedSchedule(1.0), 0));
    }
}
