package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.dl4jlvm.DirectCalls;
import org.dl4jlvm.GradientChecks;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dl4jlvm.flows.transform.AdditiveTransform;
import org.dl4jlvm.flows.transform.AffineTransform;
import org.dl4jlvm.flows.transform.ElementwiseTransform;
import org.dl4jlvm.flows.transform.RationalQuadraticSpline;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The coupling with a convolutional conditioner, in double precision: the bijector contract and DL4J's gradient check
 * with checkerboard and channel masks and with affine and spline transforms, its conditioner against a convolution
 * written here pixel by pixel, and a new step as the identity.
 */
@ExtendWith(DoublePrecision.class)
class ConvolutionalCouplingTest {

    private static ConvolutionalCoupling coupling(ImageShape shape, int[] mask, ElementwiseTransform transform) {
        return new ConvolutionalCoupling.Builder().shape(shape).mask(mask).transform(transform).hidden(3, 2)
                .activation(Activation.TANH).build();
    }

    @TestFactory
    List<DynamicTest> convolutionalCouplingsKeepTheContractAndHaveCorrectGradients() {
        ImageShape square = ImageShape.of(2, 2, 2);
        ImageShape wide = ImageShape.of(3, 2, 4);
        ImageShape single = ImageShape.of(1, 4, 4);
        Object[][] cases = {
            {"checkerboard 0 affine " + square, coupling(square, Masks.checkerboard(square, 0), new AffineTransform())},
            {"channels 1 affine " + wide, coupling(wide, Masks.channels(wide, 1), new AffineTransform())},
            {"checkerboard 1 affine " + single, coupling(single, Masks.checkerboard(single, 1), new AffineTransform())},
            {"checkerboard 0 spline " + wide, coupling(wide, Masks.checkerboard(wide, 0), new RationalQuadraticSpline(4, 3.0))},
            {"channels 0 additive " + square, coupling(square, Masks.channels(square, 0), new AdditiveTransform())},
            // more hidden channels than outputs in the last 3 x 3 convolution
            {"checkerboard 0 affine, hidden 4, 6 " + single, new ConvolutionalCoupling.Builder().shape(single)
                    .mask(Masks.checkerboard(single, 0)).hidden(4, 6).activation(Activation.TANH).build()},
        };
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] c : cases) {
            ConvolutionalCoupling step = (ConvolutionalCoupling) c[1];
            int d = (int) step.dimension();
            tests.add(DynamicTest.dynamicTest(c[0] + ": contract",
                    () -> BijectorContractTest.assertContract(FlowGraphs.single(step.clone(), d), d)));
            tests.add(DynamicTest.dynamicTest(c[0] + ": gradients",
                    () -> GradientChecks.assertGradientsMatch(FlowGraphs.withContext(step.clone(), d, true),
                            new INDArray[] {FlowGraphs.inputs(3, 5, d)}, new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 3, 1)})));
        }
        return tests;
    }

    /**
     * The CPU runtime (OpenBLAS products on pixel rows, {@code HostConvolutionalConditioner}) against the SameDiff
     * definition that the step runs with the direct paths off: the same score and gradients, with ReLU (whose
     * derivative comes from the output) and leaky ReLU (from the pre-activation), and with factored-out coordinates;
     * for a batch of 4 and for one of an odd size from which the step runs as two halves at once ({@code BatchHalves},
     * whose second half's parameter gradients must be added).
     * Channels 2 to 3, 3 to 6, then 6 to 4 take the gathered neighbours, the pointwise product and the spread products
     * ({@code RowsConvolution.of}); hidden (2, 6) adds a 3 x 3 convolution that keeps its width.
     */
    @TestFactory
    List<DynamicTest> cpuRuntimeHasTheDefinitionsGradients() {
        ImageShape shape = ImageShape.of(2, 4, 3);
        List<DynamicTest> tests = new ArrayList<>();
        for (int[] hidden : new int[][] {{3, 6}, {2, 6}}) {
            for (Activation activation : new Activation[] {Activation.RELU, Activation.LEAKYRELU}) {
                for (int factored : new int[] {0, 3}) {
                    Supplier<ConvolutionalCoupling> step = () -> new ConvolutionalCoupling.Builder()
                            .shape(shape).mask(Masks.checkerboard(shape, 1)).hidden(hidden).activation(activation)
                            .factoredOut(factored).build();
                    long halves = step.get().conditioner().host(activation.getActivationFunction()).halvesFrom() | 1;
                    for (int n : new int[] {4, (int) halves}) {
                        tests.add(DynamicTest.dynamicTest("hidden " + Arrays.toString(hidden) + ", " + activation + ", "
                                + factored + " factored out, batch " + n, () -> assertCpuRuntimeIsTheDefinition(step,
                                (int) shape.size() + factored, n)));
                    }
                }
            }
        }
        return tests;
    }

    private static void assertCpuRuntimeIsTheDefinition(Supplier<ConvolutionalCoupling> step, int d,
            int n) {
        Supplier<ComputationGraph> graph = () -> FlowGraphs.withContext(step.get(), d, true);
        MultiDataSet batch = new MultiDataSet(new INDArray[] {FlowGraphs.inputs(n, 7, d)},
                new INDArray[] {Nd4j.zeros(DataType.DOUBLE, n, 1)});
        DirectCalls.assertCpuPathIsTheDefinition(graph, batch);
    }

    /**
     * With the additive transform, y - x on the transformed coordinates is the conditioner's output there: it must be
     * the 3 x 3, 1 x 1, 3 x 3 convolutions (zero padded, tanh between) of the kept pixels, every other pixel read as 0.
     */
    @Test
    void conditionerIsTheThreeConvolutionsOfTheKeptPixels() {
        ImageShape shape = ImageShape.of(2, 4, 3);
        int[] mask = Masks.checkerboard(shape, 1);
        int d = (int) shape.size();
        ComputationGraph graph = FlowGraphs.single(coupling(shape, mask, new AdditiveTransform()), d);
        Map<String, INDArray> params = graph.getLayer("step").paramTable();
        INDArray x = FlowGraphs.inputs(2, 4, d);
        INDArray y = new Flow(graph).forward(x, null).value();
        for (int n = 0; n < 2; n++) {
            double[][][] h = new double[shape.getChannels()][shape.getHeight()][shape.getWidth()];
            for (int c = 0, k = 0; c < shape.getChannels(); c++) {
                for (int i = 0; i < shape.getHeight(); i++) {
                    for (int j = 0; j < shape.getWidth(); j++, k++) {
                        h[c][i][j] = mask[k] == 1 ? x.getDouble(n, k) : 0.0;
                    }
                }
            }
            h = convolve(h, params, 1, true);
            h = convolve(h, params, 2, true);
            h = convolve(h, params, 3, false);
            for (int c = 0, k = 0; c < shape.getChannels(); c++) {
                for (int i = 0; i < shape.getHeight(); i++) {
                    for (int j = 0; j < shape.getWidth(); j++, k++) {
                        double expected = mask[k] == 1 ? 0.0 : h[c][i][j];
                        assertEquals(expected, y.getDouble(n, k) - x.getDouble(n, k), 1e-12,
                                "example " + n + " channel " + c + " pixel (" + i + ", " + j + ")");
                    }
                }
            }
        }
    }

    /** Stride 1, zero padding to the same size, weights {@code [kH, kW, in, out]}, then tanh where asked. */
    private static double[][][] convolve(double[][][] in, Map<String, INDArray> params, int layer, boolean tanh) {
        INDArray w = params.get("conv" + layer + "-weights");
        INDArray b = params.get("conv" + layer + "-bias");
        int k = (int) w.size(0);
        int height = in[0].length;
        int width = in[0][0].length;
        double[][][] out = new double[(int) w.size(3)][height][width];
        for (int o = 0; o < out.length; o++) {
            for (int i = 0; i < height; i++) {
                for (int j = 0; j < width; j++) {
                    double sum = b.getDouble(0, o);
                    for (int c = 0; c < in.length; c++) {
                        for (int a = 0; a < k; a++) {
                            for (int e = 0; e < k; e++) {
                                int row = i + a - k / 2;
                                int column = j + e - k / 2;
                                if (row >= 0 && row < height && column >= 0 && column < width) {
                                    sum += w.getDouble(a, e, c, o) * in[c][row][column];
                                }
                            }
                        }
                    }
                    out[o][i][j] = tanh ? Math.tanh(sum) : sum;
                }
            }
        }
        return out;
    }

    /** The last convolution starts at zero, so a new step maps x to itself with log-det 0. */
    @Test
    void newStepIsTheIdentity() {
        ImageShape shape = ImageShape.of(2, 4, 4);
        int d = (int) shape.size();
        ComputationGraph graph = new ComputationGraph(FlowGraphs.single(
                coupling(shape, Masks.checkerboard(shape, 0), new AffineTransform()), d)
                .getConfiguration());
        graph.init();
        INDArray x = FlowGraphs.inputs(3, 6, d);
        FlowOutput y = new Flow(graph).forward(x, null);
        assertEquals(0.0, y.value().sub(x).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, y.logDet().amaxNumber().doubleValue(), 0.0);
        assertTrue(graph.getLayer("step").getParam("conv1-weights").amaxNumber().doubleValue() > 0, "hidden layers initialised");
    }

    @Test
    void masksSplitPixelsOrChannels() {
        ImageShape shape = ImageShape.of(3, 2, 2);
        assertEquals(List.of(1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1), toList(Masks.checkerboard(shape, 0)));
        assertEquals(List.of(0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0), toList(Masks.checkerboard(shape, 1)));
        assertEquals(List.of(1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0), toList(Masks.channels(shape, 0)));
        assertEquals(List.of(0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1), toList(Masks.channels(shape, 1)));
    }

    private static List<Integer> toList(int[] values) {
        List<Integer> list = new ArrayList<>();
        for (int v : values) {
            list.add(v);
        }
        return list;
    }

    @Test
    void roundTripsThroughJson() {
        ImageShape shape = ImageShape.of(2, 4, 4);
        ComputationGraphConfiguration conf = FlowGraphs.single(coupling(shape, Masks.channels(shape, 1),
                new RationalQuadraticSpline(4, 3.0)), 32).getConfiguration();
        ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, restored);
        LayerVertex vertex = (LayerVertex) restored.getVertices().get("step");
        assertEquals(shape, ((ConvolutionalCoupling) vertex.getLayerConf().getLayer()).getShape());
    }

    @Test
    void badConfigurationsFailClearly() {
        ImageShape shape = ImageShape.of(2, 2, 2);
        IllegalArgumentException hidden = assertThrows(IllegalArgumentException.class, () -> FlowGraphs.single(
                new ConvolutionalCoupling.Builder().shape(shape).mask(Masks.checkerboard(shape, 0)).hidden(8).build(), 8));
        assertTrue(hidden.getMessage().contains("hidden") && hidden.getMessage().contains("found 1"), hidden.getMessage());
        IllegalArgumentException context = assertThrows(IllegalArgumentException.class, () -> FlowGraphs.single(
                new ConvolutionalCoupling.Builder().shape(shape).mask(Masks.checkerboard(shape, 0)).contextWidth(3).build(), 8));
        assertTrue(context.getMessage().contains("contextWidth 0, found 3"), context.getMessage());
        IllegalArgumentException mask = assertThrows(IllegalArgumentException.class, () -> FlowGraphs.single(
                new ConvolutionalCoupling.Builder().shape(shape).mask(Masks.alternating(6, 0)).build(), 8));
        assertTrue(mask.getMessage().contains("8") && mask.getMessage().contains("6"), mask.getMessage());
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> Masks.channels(ImageShape.of(1, 4, 4), 0));
        assertTrue(channels.getMessage().contains("at least 2 channels"), channels.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Masks.checkerboard(shape, 2));
    }
}
