package org.dl4jlvm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.RampSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** {@link Warmup}: ND4J's {@code RampSchedule} values, written to and read back from a saved configuration. */
class WarmupTest {

    @Test
    void rampsAsNd4jRampScheduleDoes() {
        ISchedule base = new ExponentialSchedule(ScheduleType.ITERATION, 3e-3, 0.999);
        Warmup warmup = new Warmup(base, 40);
        RampSchedule reference = new RampSchedule(base, 40);
        for (int iteration = 0; iteration < 100; iteration++) {
            assertEquals(reference.valueAt(iteration, 0), warmup.valueAt(iteration, 0), 1e-18, "iteration " + iteration);
        }
        // the definition: the first iteration at 1/T of the rate, the full rate from iteration T - 1 on
        Warmup constant = new Warmup(1e-3, 4);
        assertEquals(0.25e-3, constant.valueAt(0, 0), 1e-18);
        assertEquals(0.75e-3, constant.valueAt(2, 0), 1e-18);
        assertEquals(1e-3, constant.valueAt(3, 0), 0.0);
        assertEquals(1e-3, constant.valueAt(1000, 7), 0.0);
        assertEquals(1e-3, new Warmup(1e-3, 1).valueAt(0, 0), 0.0, "one iteration of warm-up is none");
    }

    @Test
    void survivesTheConfigurationsJsonInsideHostAdam() {
        Warmup warmup = new Warmup(new ExponentialSchedule(ScheduleType.EPOCH, 2e-3, 0.5), 250);
        ComputationGraphConfiguration conf = graph(new HostAdam(warmup));
        ComputationGraphConfiguration loaded = ComputationGraphConfiguration.fromJson(conf.toJson());
        IUpdater updater = ((BaseLayer) ((LayerVertex) loaded.getVertices().get("hidden")).getLayerConf().getLayer()).getIUpdater();
        assertTrue(updater instanceof HostAdam, "the updater's class: " + updater);
        ISchedule schedule = ((HostAdam) updater).getLearningRateSchedule();
        assertEquals(warmup, schedule);
        assertEquals(warmup.valueAt(17, 3), schedule.valueAt(17, 3), 0.0);
        assertEquals(warmup, warmup.clone());
    }

    @Test
    void refusesBadArgumentsByName() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new Warmup(1e-3, 0));
        assertTrue(none.getMessage().contains("iterations"), none.getMessage());
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class, () -> new Warmup(-1e-3, 10));
        assertTrue(rate.getMessage().contains("learningRate"), rate.getMessage());
        NullPointerException base = assertThrows(NullPointerException.class, () -> new Warmup(null, 10));
        assertTrue(base.getMessage().contains("base"), base.getMessage());
        assertEquals(new Warmup(new FixedSchedule(1e-3), 10), new Warmup(1e-3, 10));
    }

    private static ComputationGraphConfiguration graph(IUpdater updater) {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(updater).graphBuilder()
                .addInputs("x").setInputTypes(InputType.feedForward(5))
                .addLayer("hidden", new DenseLayer.Builder().nOut(16).build(), "x")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).build(), "hidden")
                .setOutputs("out").build();
    }
}
