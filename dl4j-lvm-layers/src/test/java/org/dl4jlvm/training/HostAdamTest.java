package org.dl4jlvm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
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
     * Several steps on gradients longer than a chunk (so the last chunk is partial), with the state inside a larger
     * buffer at an offset, as DL4J's updater blocks hold it; a learning-rate schedule and gradients of mixed scale.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void updatesAndStateEqualNd4jAdam(DataType type) {
        int length = 40_000;
        ExponentialSchedule schedule = new ExponentialSchedule(ScheduleType.ITERATION, 3e-3, 0.9);
        Adam reference = new Adam(schedule);
        HostAdam host = new HostAdam();
        host.setLearningRateSchedule(schedule);
        INDArray referenceState = Nd4j.zeros(type, 1, 2 * length + 7);
        INDArray hostState = Nd4j.zeros(type, 1, 2 * length + 7);
        GradientUpdater<?> referenceUpdater = reference.instantiate(stateView(referenceState, length), true);
        GradientUpdater<?> hostUpdater = host.instantiate(stateView(hostState, length), true);
        Nd4j.getRandom().setSeed(5);
        double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-14;
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
        assertInstanceOf(HostAdam.class, ((BaseLayer) ((LayerVertex) hostConf.getVertices().get("hidden")).getLayerConf().getLayer())
                .getIUpdater(), "JSON round trip");
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

    @Test
    void cloneKeepsTheClassAndSettings() {
        HostAdam adam = new HostAdam(2e-3, 0.8, 0.99, 1e-7);
        HostAdam copy = adam.clone();
        assertEquals(adam, copy);
        assertEquals(0.8, copy.getBeta1(), 0.0);
        assertEquals(1e-7, copy.getEpsilon(), 0.0);
    }
}
