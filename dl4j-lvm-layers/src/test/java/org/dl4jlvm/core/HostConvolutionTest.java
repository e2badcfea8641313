package org.dl4jlvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.dl4jlvm.TestData;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fast convolution runtimes ({@link HostConvolutionLayer}, {@link HostDeconvolution2D}) against DL4J's own
 * layers, their reference: the same parameters give the same activations, input gradients and parameter gradients,
 * over kernels, strides, padding modes, odd sides, channels and both precisions.
 */
class HostConvolutionTest {
    private static final int[][] CASES = {
            // kernel, stride, mode (0 Same, 1 Truncate with padding 1), in channels, out channels, side
            {4, 2, 0, 1, 3, 8}, {4, 2, 0, 3, 2, 7}, {3, 1, 0, 2, 3, 5}, {3, 2, 1, 2, 2, 6}, {3, 2, 0, 2, 4, 5}, {1, 1, 0, 3, 2, 4}};

    @TestFactory
    List<DynamicTest> convolutionsMatchDl4jsLayer() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int[] c : CASES) {
            for (Activation activation : new Activation[] {Activation.TANH, Activation.RELU}) {
                for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                    String name = java.util.Arrays.toString(c) + " " + activation + " " + type;
                    tests.add(DynamicTest.dynamicTest(name, () -> compare(c, type, fast -> {
                        ConvolutionLayer.Builder b = builder(new ConvolutionLayer.Builder(c[0], c[0]), c, activation);
                        return fast ? new HostConvolutionLayer(b) : b.build();
                    })));
                    tests.add(DynamicTest.dynamicTest("transposed " + name, () -> compare(c, type, fast -> {
                        Deconvolution2D.Builder b = builder(new Deconvolution2D.Builder(c[0], c[0]), c, activation);
                        return fast ? new HostDeconvolution2D(b) : b.build();
                    })));
                }
            }
        }
        return tests;
    }

    private static <T extends ConvolutionLayer.BaseConvBuilder<T>> T builder(T builder, int[] c, Activation activation) {
        builder.stride(c[1], c[1]).nIn(c[3]).nOut(c[4]).activation(activation);
        return c[2] == 0 ? builder.convolutionMode(ConvolutionMode.Same) : builder.convolutionMode(ConvolutionMode.Truncate).padding(1, 1);
    }

    /**
     * Batches of 3, then 2, then 3 again: the fast runtime's work arrays grow and are reused. The batch of 2 gets a new
     * input array between the forward and the backward pass, so that backprop cannot reuse the forward pass's work.
     */
    private static void compare(int[] c, DataType type, Function<Boolean, org.deeplearning4j.nn.conf.layers.Layer> config) {
        Layer reference = instantiate(config.apply(false), type);
        Layer fast = instantiate(config.apply(true), type);
        assertTrue(fast.getClass().getSimpleName().startsWith("Host"), fast.getClass().getName());
        fast.setParams(reference.params().dup());
        for (int batch : new int[] {3, 2, 3}) {
            compare(c, type, reference, fast, batch);
        }
    }

    private static void compare(int[] c, DataType type, Layer reference, Layer fast, int batch) {
        INDArray x = TestData.normal(batch, (long) c[3] * c[5] * c[5], 11 + batch, type).reshape(batch, c[3], c[5], c[5]);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        reference.setInput(x, none);
        fast.setInput(x.dup(), none);
        INDArray expected = reference.activate(true, none);
        INDArray actual = fast.activate(true, none);
        double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()));
        assertTrue(expected.equalsWithEps(actual, tolerance), "activations " + expected.sub(actual).amaxNumber());
        if (batch == 2) {
            fast.setInput(x.dup(), none);
        }
        INDArray epsilon = TestData.normal(expected.length(), 1, 12, type).reshape(expected.shape());
        Pair<Gradient, INDArray> want = reference.backpropGradient(epsilon, none);
        Pair<Gradient, INDArray> got = fast.backpropGradient(epsilon.dup(), none);
        assertTrue(want.getSecond().equalsWithEps(got.getSecond(), tolerance), "input gradient "
                + want.getSecond().sub(got.getSecond()).amaxNumber());
        for (String key : new String[] {"W", "b"}) {
            INDArray a = want.getFirst().getGradientFor(key);
            INDArray b = got.getFirst().getGradientFor(key);
            assertTrue(a.equalsWithEps(b, tolerance * 10), key + " gradient " + a.sub(b).amaxNumber());
        }
    }

    private static Layer instantiate(org.deeplearning4j.nn.conf.layers.Layer layer, DataType type) {
        NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder().dataType(type).seed(3).layer(layer).build();
        long count = conf.getLayer().initializer().numParams(conf);
        INDArray params = org.nd4j.linalg.factory.Nd4j.create(type, 1, count);
        Layer instance = conf.getLayer().instantiate(conf, null, 0, params, true, type);
        instance.setParams(TestData.normal(1, count, 13, type));
        instance.setBackpropGradientsViewArray(org.nd4j.linalg.factory.Nd4j.create(type, 1, count));
        return instance;
    }
}
