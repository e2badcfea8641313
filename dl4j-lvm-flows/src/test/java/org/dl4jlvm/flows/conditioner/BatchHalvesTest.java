package org.dl4jlvm.flows.conditioner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dl4jlvm.core.BatchHalves;
import org.dl4jlvm.core.HostRuntime;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link BatchHalves} against one copy of the convolutional conditioner's CPU runtime on the whole batch: the same
 * output, input gradient and parameter gradients (summed in another order), in float and double, for an odd batch
 * (split 3 + 4), a batch below the split's minimum (run whole), with ReLU (derivative from the output) and tanh (from
 * the pre-activation), over two iterations with different inputs, so that the second half's kept gradients must be
 * written again, not added to.
 */
class BatchHalvesTest {
    private static final int CHANNELS = 2;
    private static final int HEIGHT = 4;
    private static final int WIDTH = 3;
    private static final int[] KERNELS = {3, 1, 3};
    /** 2 to 3 channels (gathered), 3 to 5 (pointwise), 5 to 2 x 2 (spread): each product of the runtime. */
    private static final int[] WIDTHS = {CHANNELS, 3, 5, 2 * CHANNELS};

    @TestFactory
    List<DynamicTest> halvesAreTheWholeBatch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (Activation activation : new Activation[] {Activation.RELU, Activation.TANH}) {
                for (int batch : new int[] {7, 1}) {
                    tests.add(DynamicTest.dynamicTest(type + ", " + activation + ", batch " + batch,
                            () -> check(type, activation.getActivationFunction(), batch)));
                }
            }
        }
        return tests;
    }

    private static void check(DataType type, IActivation activation, int batch) {
        double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
        double[] kept = new double[CHANNELS * HEIGHT * WIDTH];
        for (int j = 0; j < kept.length; j++) {
            kept[j] = j % 3 == 0 ? 0.0 : 1.0;
        }
        HostConditioner whole = copy(kept, activation);
        HostRuntime halves = BatchHalves.of(copy(kept, activation), () -> copy(kept, activation), 2);
        Map<String, INDArray> parameters = parameters(type);
        for (int iteration = 0; iteration < 2; iteration++) {
            Random random = Nd4j.getRandomFactory().getNewRandomInstance(11 + iteration);
            INDArray input = Nd4j.rand(random, batch, kept.length).castTo(type).subi(0.5);
            INDArray dOutput = Nd4j.rand(random, batch, (long) WIDTHS[3] * HEIGHT * WIDTH).castTo(type).subi(0.5);
            Map<String, INDArray> wholeGradients = gradients(parameters);
            Map<String, INDArray> halvesGradients = gradients(parameters);
            INDArray wholeOutput = whole.forward(input, parameters);
            INDArray halvesOutput = halves.forward(input, parameters);
            assertClose("output", wholeOutput, halvesOutput, tolerance);
            INDArray wholeInputGradient = whole.backward(dOutput, wholeGradients);
            INDArray halvesInputGradient = halves.backward(dOutput, halvesGradients);
            assertClose("input gradient", wholeInputGradient, halvesInputGradient, tolerance);
            for (String name : parameters.keySet()) {
                assertClose(name + " gradient", wholeGradients.get(name), halvesGradients.get(name), tolerance);
            }
        }
    }

    private static HostConditioner copy(double[] kept, IActivation activation) {
        return new HostConvolutionalConditioner(HEIGHT, WIDTH, kept, KERNELS, WIDTHS, activation);
    }

    /** Random weights {@code [k, k, in, out]} and biases {@code [1, out]}, the last layer's too (not zero). */
    private static Map<String, INDArray> parameters(DataType type) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(3);
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        for (int layer = 0; layer < KERNELS.length; layer++) {
            parameters.put(ConvolutionalConditioner.weights(layer), Nd4j.rand(random, KERNELS[layer], KERNELS[layer],
                    WIDTHS[layer], WIDTHS[layer + 1]).castTo(type).subi(0.5));
            parameters.put(ConvolutionalConditioner.bias(layer), Nd4j.rand(random, 1, WIDTHS[layer + 1]).castTo(type)
                    .subi(0.5));
        }
        return parameters;
    }

    /** Gradient arrays of the parameters' shapes, all 7: the backward pass must overwrite every entry. */
    private static Map<String, INDArray> gradients(Map<String, INDArray> parameters) {
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        parameters.forEach((name, parameter) -> gradients.put(name, parameter.ulike().assign(7.0)));
        return gradients;
    }

    private static void assertClose(String what, INDArray expected, INDArray actual, double tolerance) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double scale = Math.max(1e-3, expected.castTo(DataType.DOUBLE).norm2Number().doubleValue());
        double difference = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).norm2Number().doubleValue();
        assertTrue(difference <= tolerance * scale, what + ": differs by " + difference + " (norm " + scale + ")");
    }
}
