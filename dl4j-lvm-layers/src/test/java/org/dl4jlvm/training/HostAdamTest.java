package org.dl4jlvm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.dl4jlvm.vae.LinearWarmup;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** {@link HostAdam} against ND4J's {@link Adam}: the same updates and state, configuration and saved models. */
class HostAdamTest {

    /**
     * FLOAT (the Java loop) against ND4J's op: several steps on gradients longer than a chunk (so the last chunk is
     * partial; 600,000 entries are updated on every core, 40,000 on one), with the state inside a larger buffer at an
     * offset, as DL4J's updater blocks hold it; a learning-rate schedule and gradients of mixed scale.
     */
    @ParameterizedTest
    @ValueSource(ints = {40_000, 600_000})
    void updatesAndStateEqualNd4jAdam(int length) {
        DataType type = DataType.FLOAT;
        ExponentialSchedule schedule = new ExponentialSchedule(ScheduleType.ITERATION, 3e-3, 0.9);
        Adam reference = new Adam(schedule);
        HostAdam host = new HostAdam();
        host.setLearningRateSchedule(schedule);
        INDArray referenceState = Nd4j.zeros(type, 1, 2 * length + 7);
        INDArray hostState = Nd4j.zeros(type, 1, 2 * length + 7);
        GradientUpdater<?> referenceUpdater = reference.instantiate(stateView(referenceState, length), true);
        GradientUpdater<?> hostUpdater = host.instantiate(stateView(hostState, length), true);
        Nd4j.getRandom().setSeed(5);
        double tolerance = 1e-6;
        for (int iteration = 0; iteration < 6; iteration++) {
            // scales from e^-6 to e^2
            INDArray gradient = Nd4j.randn(type, 1, length).muli(Transforms.exp(Nd4j.rand(type, 1, length).muli(8).subi(6)));
            INDArray expected = gradient.dup();
            INDArray actual = gradient.dup();
            referenceUpdater.applyUpdater(expected, iteration, 0);
            hostUpdater.applyUpdater(actual, iteration, 0);
            assertClose(expected, actual, tolerance, "update at iteration " + iteration);
            assertClose(referenceState, hostState, tolerance, "m and v at iteration " + iteration);
        }
        assertTrue(hostState.getDouble(0, 7) != 0.0, "the state moved");
        assertEquals(0.0, hostState.getDouble(0, 0), 0.0, "the state outside the view is untouched");
    }

    /**
     * Against Adam's formula written out in plain Java doubles, independent of ND4J: FLOAT takes the Java loop, DOUBLE
     * ND4J's op. The gradient, like the state, is a view at an offset inside a larger buffer, as DL4J's updater blocks
     * pass it.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void updatesFollowAdamsFormula(DataType type) {
        int length = 20_000;
        double learningRate = 2e-3;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double epsilon = 1e-8;
        HostAdam host = new HostAdam(learningRate, beta1, beta2, epsilon);
        INDArray hostState = Nd4j.zeros(type, 1, 2 * length + 7);
        GradientUpdater<?> updater = host.instantiate(stateView(hostState, length), true);
        double[] m = new double[length];
        double[] v = new double[length];
        INDArray gradientBuffer = Nd4j.zeros(type, 1, length + 11);
        INDArray gradient = gradientBuffer.get(NDArrayIndex.point(0), NDArrayIndex.interval(11, 11 + length)).reshape(1, length);
        Nd4j.getRandom().setSeed(8);
        for (int t = 0; t < 5; t++) {
            gradient.assign(Nd4j.randn(type, 1, length).muli(Transforms.exp(Nd4j.rand(type, 1, length).muli(8).subi(6))));
            double[] g = gradient.toDoubleVector();
            updater.applyUpdater(gradient, t, 0);
            double alpha = learningRate * Math.sqrt(1 - Math.pow(beta2, t + 1)) / (1 - Math.pow(beta1, t + 1));
            double[] expected = new double[length];
            for (int i = 0; i < length; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                expected[i] = alpha * m[i] / (Math.sqrt(v[i]) + epsilon);
            }
            // float: rounding of m, v and alpha (beta2 = 0.999f alone moves alpha by 6e-6); double: to rounding
            double tolerance = type == DataType.FLOAT ? 2e-5 : 1e-12;
            assertClose(Nd4j.createFromArray(expected).reshape(1, length), gradient.castTo(DataType.DOUBLE), tolerance,
                    type + " update at iteration " + t);
        }
        assertEquals(0.0, gradientBuffer.getDouble(0, 10), 0.0, "the gradient buffer outside the view is untouched");
    }

    /** A zero step size (here a zero learning rate) is replaced by epsilon, as libnd4j does, in the Java loop too. */
    @Test
    void aZeroStepSizeBecomesEpsilonAsInNd4j() {
        int length = 1000;
        INDArray referenceState = Nd4j.zeros(DataType.FLOAT, 1, 2 * length + 7);
        INDArray hostState = Nd4j.zeros(DataType.FLOAT, 1, 2 * length + 7);
        GradientUpdater<?> reference = new Adam(0.0).instantiate(stateView(referenceState, length), true);
        GradientUpdater<?> host = new HostAdam(0.0).instantiate(stateView(hostState, length), true);
        INDArray gradient = Nd4j.randn(DataType.FLOAT, 1, length);
        INDArray expected = gradient.dup();
        INDArray actual = gradient.dup();
        reference.applyUpdater(expected, 0, 0);
        host.applyUpdater(actual, 0, 0);
        assertClose(expected, actual, 1e-6, "update with a zero learning rate");
        // m = 0.1 g, v = 0.001 g^2: epsilon * m / (sqrt(v) + epsilon) = 1e-8 * 0.1 / sqrt(0.001) * sign(g), to ~1e-6
        double first = gradient.getDouble(0, 0);
        assertEquals(1e-8 * 0.1 * Math.signum(first) / Math.sqrt(0.001), actual.getDouble(0, 0), 1e-10);
    }

    /**
     * A first moment whose gradient stays zero decays by beta1 a step; where ND4J's op carries it into the subnormal
     * range, the Java loop makes it zero, and the normal moments and updates stay those of ND4J's op.
     */
    @Test
    void subnormalMomentsBecomeZero() {
        int length = 64;
        INDArray referenceState = Nd4j.zeros(DataType.FLOAT, 1, 2 * length + 7);
        INDArray hostState = Nd4j.zeros(DataType.FLOAT, 1, 2 * length + 7);
        GradientUpdater<?> reference = new Adam(1e-3).instantiate(stateView(referenceState, length), true);
        GradientUpdater<?> host = new HostAdam(1e-3).instantiate(stateView(hostState, length), true);
        INDArray first = Nd4j.randn(DataType.FLOAT, 1, length);
        boolean sawSubnormal = false;
        for (int iteration = 0; iteration < 900; iteration++) {
            INDArray gradient = iteration == 0 ? first : Nd4j.zeros(DataType.FLOAT, 1, length);
            // after the first step, the last half of the gradients keeps arriving
            if (iteration > 0) {
                gradient.get(NDArrayIndex.point(0), NDArrayIndex.interval(length / 2, length)).assign(first
                        .get(NDArrayIndex.point(0), NDArrayIndex.interval(length / 2, length)));
            }
            INDArray expected = gradient.dup();
            INDArray actual = gradient.dup();
            reference.applyUpdater(expected, iteration, 0);
            host.applyUpdater(actual, iteration, 0);
            for (int i = 0; i < length; i++) {
                float referenceMoment = referenceState.getFloat(0, 7 + i);
                float hostMoment = hostState.getFloat(0, 7 + i);
                if (Math.abs(referenceMoment) < Float.MIN_NORMAL) {
                    sawSubnormal |= referenceMoment != 0f;
                    assertEquals(0f, hostMoment, 0f, "a subnormal moment at iteration " + iteration);
                } else {
                    assertEquals(referenceMoment, hostMoment, 1e-6 * Math.abs(referenceMoment), "moment " + i);
                }
            }
            assertClose(expected.get(NDArrayIndex.point(0), NDArrayIndex.interval(length / 2, length)),
                    actual.get(NDArrayIndex.point(0), NDArrayIndex.interval(length / 2, length)), 1e-6,
                    "the updates of the gradients that keep arriving");
        }
        assertTrue(sawSubnormal, "ND4J's moments went subnormal");
    }

    @Test
    void flushZeroesOnlySubnormals() {
        float belowNormal = Math.nextDown(Float.MIN_NORMAL);
        float[] values = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL / 2, belowNormal, -belowNormal,
            Float.MIN_NORMAL, -Float.MIN_NORMAL, Math.nextUp(Float.MIN_NORMAL), 1e-30f, -2.5f, 0.5f, 1f,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        float[] expected = {0f, 0f, 0f, 0f, 0f, 0f, 0f, Float.MIN_NORMAL, -Float.MIN_NORMAL,
            Math.nextUp(Float.MIN_NORMAL), 1e-30f, -2.5f, 0.5f, 1f, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < values.length; i++) {
            // a flushed value may keep its sign: -0 and 0 are the same number
            assertEquals(expected[i], HostAdam.Updater.flush(values[i]), 0f, "value " + i + ": " + values[i]);
        }
        assertTrue(Float.isNaN(HostAdam.Updater.flush(Float.NaN)), "NaN stays NaN");
    }

    /** The flush against the definition (exponent field zero) on random bit patterns, subnormals among them. */
    @Test
    void flushAgreesWithTheExponentTestOnRandomBits() {
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 2_000_000; i++) {
            // every fourth draw with a zero exponent field: a subnormal or a zero
            int bits = i % 4 == 0 ? random.nextInt() & 0x807fffff : random.nextInt();
            float x = Float.intBitsToFloat(bits);
            float flushed = HostAdam.Updater.flush(x);
            if (Float.isNaN(x)) {
                assertTrue(Float.isNaN(flushed), "NaN stays NaN");
            } else {
                float expected = (bits & 0x7f800000) == 0 ? 0f : x;
                assertEquals(expected, flushed, 0f, "bits " + Integer.toHexString(bits));
            }
        }
    }

    private static INDArray stateView(INDArray state, int length) {
        return state.get(NDArrayIndex.point(0), NDArrayIndex.interval(7, 7 + 2 * length)).reshape(1, 2 * length);
    }

    private static void assertClose(INDArray expected, INDArray actual, double relative, String what) {
        double scale = Math.max(expected.amaxNumber().doubleValue(), 1e-30);
        double difference = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(difference <= relative * scale, what + ": differs by " + difference + " at scale " + scale);
    }

    private static ComputationGraphConfiguration graph(IUpdater updater) {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(updater).graphBuilder()
                .addInputs("x").setInputTypes(InputType.feedForward(5))
                .addLayer("hidden", new DenseLayer.Builder().nOut(16).build(), "x")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).build(), "hidden")
                .setOutputs("out").build();
    }

    /** A network trained with either updater ends with the same parameters; the configuration keeps HostAdam. */
    @Test
    void trainsANetworkAsNd4jAdamDoes(@TempDir Path folder) throws Exception {
        ComputationGraph reference = new ComputationGraph(graph(new Adam(1e-2)));
        reference.init();
        ComputationGraphConfiguration hostConf = ComputationGraphConfiguration.fromJson(graph(new HostAdam(1e-2)).toJson());
        assertInstanceOf(HostAdam.class, hiddenUpdater(hostConf), "JSON round trip");
        ComputationGraph host = new ComputationGraph(hostConf);
        host.init();
        Nd4j.getRandom().setSeed(9);
        DataSet data = new DataSet(Nd4j.randn(DataType.FLOAT, 32, 5), Nd4j.randn(DataType.FLOAT, 32, 3));
        for (int i = 0; i < 20; i++) {
            reference.fit(data);
            host.fit(data);
        }
        assertClose(reference.params(), host.params(), 1e-5, "parameters after 20 steps");
        // saved with its updater state and restored, it goes on exactly as the original
        File file = folder.resolve("host.zip").toFile();
        ModelSerializer.writeModel(host, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        host.fit(data);
        restored.fit(data);
        assertEquals(host.params(), restored.params());
        assertInstanceOf(HostAdam.class, ((BaseLayer) restored.getLayer("out").conf().getLayer()).getIUpdater());
    }

    /** A learning-rate warm-up (ND4J's {@code RampSchedule} cannot be read back) survives the configuration's JSON. */
    @Test
    void learningRateWarmupSurvivesTheConfigurationsJson() {
        LinearWarmup warmup = new LinearWarmup(new ExponentialSchedule(ScheduleType.EPOCH, 2e-3, 0.5), 250);
        ComputationGraphConfiguration loaded = ComputationGraphConfiguration.fromJson(graph(new HostAdam(warmup)).toJson());
        IUpdater updater = hiddenUpdater(loaded);
        assertInstanceOf(HostAdam.class, updater);
        assertEquals(warmup, ((HostAdam) updater).getLearningRateSchedule());
        assertEquals(warmup.valueAt(17, 3), updater.getLearningRate(17, 3), 0.0);
        assertEquals(2e-3 * 0.5 * 0.5 * 18 / 250, updater.getLearningRate(17, 2), 1e-15, "warming up");
        assertEquals(warmup, ((HostAdam) updater).clone().getLearningRateSchedule());
    }

    /** The updater of the hidden layer of {@link #graph}'s configuration. */
    private static IUpdater hiddenUpdater(ComputationGraphConfiguration conf) {
        return ((BaseLayer) ((LayerVertex) conf.getVertices().get("hidden")).getLayerConf().getLayer()).getIUpdater();
    }

    @Test
    void cloneKeepsTheClassAndSettings() {
        HostAdam adam = new HostAdam(2e-3, 0.8, 0.99, 1e-7);
        HostAdam copy = adam.clone();
        assertEquals(adam, copy);
        assertEquals(0.8, copy.getBeta1(), 0.0);
        assertEquals(1e-7, copy.getEpsilon(), 0.0);
    }
}
