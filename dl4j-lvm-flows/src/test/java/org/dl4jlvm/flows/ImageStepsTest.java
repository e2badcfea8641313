package org.dl4jlvm.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.dl4jlvm.DirectCalls;
import org.dl4jlvm.GradientChecks;
import org.dl4jlvm.TestData;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The image steps on flat NCHW images, in double precision: squeeze, per-channel ActNorm and the invertible 1x1
 * convolution keep the bijector contract and DL4J's gradient check alone and chained, and each is held to a
 * definition written here pixel by pixel.
 */
@ExtendWith(DoublePrecision.class)
class ImageStepsTest {
    private static final ImageShape[] SHAPES = {ImageShape.of(2, 2, 2), ImageShape.of(1, 4, 4), ImageShape.of(3, 2, 4)};

    private static Map<String, Supplier<Layer>> steps(ImageShape shape) {
        int c = shape.getChannels();
        long d = shape.size();
        Map<String, Supplier<Layer>> steps = new LinkedHashMap<>();
        steps.put("squeeze", () -> new Squeeze.Builder().shape(shape).build());
        steps.put("actnorm-per-channel", () -> new ActNorm.Builder().dimension(d).channels(c).initialized(true).build());
        steps.put("1x1-convolution", () -> new InvertibleLinear.Builder().dimension(d).channels(c).seed(3).build());
        return steps;
    }

    /** Squeeze, then per-channel ActNorm and a 1x1 convolution on the 4C channels: a Glow step after a squeeze. */
    private static ComputationGraph chain(ImageShape shape, boolean afterDense) {
        ImageShape squeezed = shape.squeezed();
        long d = shape.size();
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("x").setInputTypes(InputType.feedForward(d));
        String in = "x";
        if (afterDense) {
            graph.addLayer("dense", new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(d)
                    .activation(org.nd4j.linalg.activations.Activation.TANH).build(), in);
            in = "dense";
        }
        return FlowGraphs.randomized(graph.addLayer("squeeze", new Squeeze.Builder().shape(shape).build(), in)
                .addLayer("actnorm", new ActNorm.Builder().dimension(d).channels(squeezed.getChannels()).initialized(true)
                        .build(), "squeeze")
                .addLayer("1x1", new InvertibleLinear.Builder().dimension(d).channels(squeezed.getChannels()).seed(1)
                        .build(), "actnorm")
                .addLayer("nll", new FlowLikelihoodOutputLayer(), "1x1").setOutputs("nll").build());
    }

    /**
     * The CPU runtimes ({@code HostStepLayerImpl} with ActNorm's, the 1x1's and the rearranging steps' maps) against
     * the SameDiff definitions that run with the direct paths off: the same score and gradients (parameters and input,
     * through a dense layer), per channel and per coordinate, with ActNorm's data-dependent initialisation, with
     * factored-out coordinates and with a context; for a batch of 5 and for one of an odd size from which the runtime
     * runs as two halves at once ({@code BatchHalves}, whose second half's parameter gradients must be added).
     */
    @TestFactory
    List<DynamicTest> cpuRuntimesHaveTheDefinitionsGradients() {
        ImageShape shape = ImageShape.of(2, 2, 4);
        long d = shape.size();
        Map<String, Supplier<Layer>> steps = new LinkedHashMap<>();
        steps.put("squeeze, 3 factored out", () -> new Squeeze.Builder().shape(shape).factoredOut(3).build());
        steps.put("permutation, context 2", () -> new Permutation.Builder().dimension(d).random(5).contextWidth(2).build());
        steps.put("actnorm per channel, initialising", () -> new ActNorm.Builder().dimension(d).channels(2).build());
        steps.put("actnorm per coordinate, 3 factored out", () -> new ActNorm.Builder().dimension(d).initialized(true)
                .factoredOut(3).build());
        steps.put("1x1 convolution, context 2", () -> new InvertibleLinear.Builder().dimension(d).channels(2).seed(2)
                .contextWidth(2).build());
        steps.put("dense invertible linear, 3 factored out", () -> new InvertibleLinear.Builder().dimension(d).seed(4)
                .factoredOut(3).build());
        List<DynamicTest> tests = new ArrayList<>();
        int halves = (int) (HostStepLayerImpl.HALVES_FROM_VALUES / d) | 1;
        for (Map.Entry<String, Supplier<Layer>> step : steps.entrySet()) {
            for (int n : new int[] {5, halves}) {
                tests.add(DynamicTest.dynamicTest(step.getKey() + ", batch " + n,
                        () -> assertCpuRuntimeIsTheDefinition(step.getValue(), n)));
            }
        }
        return tests;
    }

    private static void assertCpuRuntimeIsTheDefinition(Supplier<Layer> step, int n) {
        SameDiffFlowStep probe = (SameDiffFlowStep) step.get();
        int width = (int) probe.width();
        Supplier<ComputationGraph> graph = () -> FlowGraphs.withContext(step.get(), width, true);
        INDArray[] features = probe.getContextWidth() == 0 ? new INDArray[] {FlowGraphs.inputs(n, 7, width)}
                : new INDArray[] {FlowGraphs.inputs(n, 7, width), FlowGraphs.inputs(n, 8, (int) probe.getContextWidth())};
        MultiDataSet batch = new MultiDataSet(features, new INDArray[] {Nd4j.zeros(DataType.DOUBLE, n, 1)});
        DirectCalls.assertCpuPathIsTheDefinition(graph, batch);
    }

    @TestFactory
    List<DynamicTest> everyImageStepKeepsTheContractAndHasCorrectGradients() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ImageShape shape : SHAPES) {
            int d = (int) shape.size();
            for (Map.Entry<String, Supplier<Layer>> step : steps(shape).entrySet()) {
                tests.add(DynamicTest.dynamicTest(shape + " " + step.getKey() + ": contract",
                        () -> BijectorContractTest.assertContract(FlowGraphs.single(step.getValue().get(), d), d)));
                tests.add(DynamicTest.dynamicTest(shape + " " + step.getKey() + ": gradients",
                        () -> GradientChecks.assertGradientsMatch(FlowGraphs.withContext(step.getValue().get(), d, true),
                                new INDArray[] {FlowGraphs.inputs(3, 5, d)}, new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 3, 1)})));
            }
            tests.add(DynamicTest.dynamicTest(shape + " chain: contract", () -> BijectorContractTest.assertContract(chain(shape, false), d)));
            tests.add(DynamicTest.dynamicTest(shape + " chain: gradients", () -> GradientChecks.assertGradientsMatch(chain(shape, true),
                    new INDArray[] {FlowGraphs.inputs(3, 5, d)}, new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 3, 1)})));
        }
        return tests;
    }

    private static double pixel(INDArray flat, int example, ImageShape shape, int channel, int row, int column) {
        return flat.getDouble(example, ((long) channel * shape.getHeight() + row) * shape.getWidth() + column);
    }

    @Test
    void squeezeMovesEachTwoByTwoBlockIntoFourChannels() {
        ImageShape shape = ImageShape.of(3, 2, 4);
        ImageShape out = shape.squeezed();
        INDArray x = FlowGraphs.inputs(2, 8, (int) shape.size());
        INDArray y = new Squeeze.Builder().shape(shape).build().forward(x, Map.of()).value();
        assertEquals(ImageShape.of(12, 1, 2), out);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        for (int i = 0; i < out.getHeight(); i++) {
                            for (int j = 0; j < out.getWidth(); j++) {
                                assertEquals(pixel(x, n, shape, c, 2 * i + a, 2 * j + b), pixel(y, n, out, 4 * c + 2 * a + b, i, j));
                            }
                        }
                    }
                }
            }
        }
    }

    /** y at every pixel is W times x's channels there, W = P L (U + diag(exp s)); log|det| = H W log|det W|. */
    @Test
    void oneByOneConvolutionMapsEveryPixelByTheSameMatrix() {
        ImageShape shape = ImageShape.of(3, 2, 4);
        int c = 3;
        ComputationGraph graph = FlowGraphs.single(steps(shape).get("1x1-convolution").get(), (int) shape.size());
        InvertibleLinear step = (InvertibleLinear) graph.getLayer("step").conf().getLayer();
        Map<String, INDArray> params = graph.getLayer("step").paramTable();
        double[][] lower = params.get(InvertibleLinear.LOWER).toDoubleMatrix();
        double[][] upper = params.get(InvertibleLinear.UPPER).toDoubleMatrix();
        double[] logScale = params.get(InvertibleLinear.LOG_SCALE).toDoubleVector();
        double[][] l = new double[c][c];
        double[][] u = new double[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                l[i][j] = i == j ? 1 : i > j ? lower[i][j] : 0;
                u[i][j] = i == j ? Math.exp(logScale[i]) : i < j ? upper[i][j] : 0;
            }
        }
        RealMatrix lu = new Array2DRowRealMatrix(l).multiply(new Array2DRowRealMatrix(u));
        double[][] w = new double[c][];
        for (int i = 0; i < c; i++) {
            w[i] = lu.getRow(step.getRowOrder()[i]);
        }
        INDArray x = FlowGraphs.inputs(2, 9, (int) shape.size());
        FlowOutput y = step.forward(x, params);
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < shape.getHeight(); i++) {
                for (int j = 0; j < shape.getWidth(); j++) {
                    for (int out = 0; out < c; out++) {
                        double expected = 0;
                        for (int in = 0; in < c; in++) {
                            expected += w[out][in] * pixel(x, n, shape, in, i, j);
                        }
                        assertEquals(expected, pixel(y.value(), n, shape, out, i, j), 1e-12);
                    }
                }
            }
        }
        double logDet = shape.pixels() * Math.log(Math.abs(new LUDecomposition(new Array2DRowRealMatrix(w)).getDeterminant()));
        assertEquals(logDet, y.logDet().getDouble(0, 0), 1e-10);
    }

    /** The first training batch sets each channel, over the batch and its pixels, to mean 0 and standard deviation 1. */
    @Test
    void perChannelActNormInitialisesEachChannelFromItsPixels() {
        ImageShape shape = ImageShape.of(2, 4, 4);
        int d = (int) shape.size();
        ComputationGraph graph = FlowGraphs.single(new ActNorm.Builder().dimension(d).channels(2).build(), d);
        INDArray x = FlowGraphs.inputs(64, 12, d);
        x.get(NDArrayIndex.all(), NDArrayIndex.interval(16, 32)).muli(5).addi(3);
        new Flow(graph).initialize(TestData.iterator(x, 64, 1));
        assertEquals(2, graph.getLayer("step").getParam(ActNorm.BIAS).length());
        INDArray y = graph.feedForward(new INDArray[] {x}, false).get("step").get(NDArrayIndex.all(), NDArrayIndex.interval(0, d));
        for (int channel = 0; channel < 2; channel++) {
            INDArray values = y.get(NDArrayIndex.all(), NDArrayIndex.interval(16 * channel, 16 * channel + 16));
            assertEquals(0.0, values.meanNumber().doubleValue(), 1e-9, "mean of channel " + channel);
            assertEquals(1.0, values.stdNumber().doubleValue(), 1e-2, "std of channel " + channel);
            assertTrue(values.std(false, 0).maxNumber().doubleValue() > 0.5, "one scale for all pixels of channel " + channel);
        }
    }

    @Test
    void imageStepsRoundTripThroughJson() {
        for (ImageShape shape : SHAPES) {
            ComputationGraphConfiguration conf = chain(shape, false).getConfiguration();
            ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(conf.toJson());
            assertEquals(conf, restored);
            assertEquals(conf.toJson(), restored.toJson());
        }
    }

    @Test
    void badShapesFailClearly() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> new Squeeze.Builder().shape(ImageShape.of(1, 3, 4)).build());
        assertTrue(odd.getMessage().contains("even height and width") && odd.getMessage().contains("(1, 3, 4)"), odd.getMessage());
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> FlowGraphs.single(new InvertibleLinear.Builder().dimension(10).channels(3).build(), 10));
        assertTrue(channels.getMessage().contains("channels") && channels.getMessage().contains("10"), channels.getMessage());
        IllegalArgumentException actNorm = assertThrows(IllegalArgumentException.class,
                () -> FlowGraphs.single(new ActNorm.Builder().dimension(10).channels(4).build(), 10));
        assertTrue(actNorm.getMessage().contains("divisor of the dimension 10") && actNorm.getMessage().contains("found 4"),
                actNorm.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageShape.of(0, 2, 2));
    }
}
