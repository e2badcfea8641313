package org.dl4jlvm.autoencoder;

import static org.dl4jlvm.Rejections.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.dl4jlvm.TestData;
import org.dl4jlvm.linear.Pca;
import org.dl4jlvm.training.UnsupervisedIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** Linear autoencoders and PCA: the same optimum, reached by initialisation or by training. */
class PcaInitializerTest {
    private static final int D = 8;
    private static final int Q = 2;

    /** Data with a clear principal subspace: variances 9, 4 along two directions, small elsewhere. */
    static INDArray data(int n, long seed) {
        INDArray scales = Nd4j.createFromArray(3.0, 2.0, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15);
        INDArray rotation = Nd4j.createFromArray(new QRDecomposition(MatrixUtils.createRealMatrix(
                TestData.normal(D, D, seed + 1, DataType.DOUBLE).toDoubleMatrix())).getQ().getData());
        return TestData.normal(n, D, seed, DataType.DOUBLE).mulRowVector(scales).mmul(rotation).addi(1.5);
    }

    static ComputationGraph linear(DataType type, long seed) {
        ComputationGraph graph = new ComputationGraph(new AutoencoderGraphBuilder(D, Q).dataType(type).seed(seed)
                .updater(new Adam(1e-2)).build());
        graph.init();
        return graph;
    }

    static double meanSquaredErrorPerExample(INDArray x, INDArray reconstruction) {
        INDArray error = x.castTo(DataType.DOUBLE).sub(reconstruction.castTo(DataType.DOUBLE));
        return error.mul(error).sumNumber().doubleValue() / x.size(0);
    }

    @Test
    void pcaInitialisedLinearAutoencoderStartsAtPcaError() {
        INDArray x = data(500, 3);
        Pca pca = Pca.fit(x, Q);
        double pcaError = meanSquaredErrorPerExample(x, pca.reconstruct(x));
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            ComputationGraph graph = linear(type, 5);
            double randomScore = graph.score(new MultiDataSet(x.castTo(type), x.castTo(type)), false);
            PcaInitializer.initialize(graph, pca);
            double score = graph.score(new MultiDataSet(x.castTo(type), x.castTo(type)), false);
            double reconstructionError = meanSquaredErrorPerExample(x, new Autoencoder(graph).reconstruct(x.castTo(type)));
            assertEquals(0, Math.abs(score - pcaError) / pcaError, 1e-4, type + ": graph score " + score + " vs PCA " + pcaError);
            assertEquals(0, Math.abs(reconstructionError - pcaError) / pcaError, 1e-4, type.toString());
            assertTrue(randomScore > 2 * pcaError, "a random start is far from the optimum: " + randomScore);
        }
    }

    @Test
    void trainedLinearAutoencoderSpansThePcaSubspace() {
        INDArray x = data(2000, 7);
        ComputationGraph graph = linear(DataType.DOUBLE, 11);
        double[] angleBefore = {largestPrincipalAngle(graph, Pca.fit(x, Q))};
        graph.fit(new UnsupervisedIterator(graph, TestData.iterator(x, 200, 13)), 150);
        double angle = largestPrincipalAngle(graph, Pca.fit(x, Q));
        // the eigengap (4 against 0.16) makes the optimum well defined; 2 degrees is tight against the ~60 degrees of a random start
        assertTrue(angle < Math.toRadians(2), "largest principal angle " + Math.toDegrees(angle) + " degrees");
        assertTrue(angleBefore[0] > Math.toRadians(20), "random start angle " + Math.toDegrees(angleBefore[0]));
    }

    /** Largest principal angle between the decoder's column space (the span of its output directions) and PCA's. */
    static double largestPrincipalAngle(ComputationGraph graph, Pca pca) {
        RealMatrix decoder = MatrixUtils.createRealMatrix(graph.getLayer(AutoencoderGraphBuilder.DECODER_OUT)
                .getParam("W").castTo(DataType.DOUBLE).transpose().toDoubleMatrix());
        RealMatrix basis = new QRDecomposition(decoder).getQ().getSubMatrix(0, D - 1, 0, Q - 1);
        RealMatrix components = MatrixUtils.createRealMatrix(pca.components().toDoubleMatrix());
        double[] cosines = new SingularValueDecomposition(basis.transpose().multiply(components)).getSingularValues();
        return Math.acos(Math.min(1, cosines[cosines.length - 1]));
    }

    @Test
    void deepAutoencoderOuterLayersProjectOntoComponents() {
        INDArray x = data(300, 17);
        Pca pca = Pca.fit(x, 6);
        ComputationGraph graph = new ComputationGraph(new AutoencoderGraphBuilder(D, Q).encoderSizes(6).decoderSizes(4)
                .dataType(DataType.DOUBLE).build());
        graph.init();
        PcaInitializer.initialize(graph, pca);
        INDArray hidden = graph.feedForward(x, false).get("encoder-1");
        INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.relu(pca.encode(x), true);
        assertEquals(0, hidden.sub(expected).amaxNumber().doubleValue(), 1e-10);
        INDArray decoderWeights = graph.getLayer(AutoencoderGraphBuilder.DECODER_OUT).getParam("W");
        assertEquals(pca.truncate(4).components().transpose(), decoderWeights);
    }

    @Test
    void badShapesAreNamed() {
        INDArray x = data(100, 19);
        ComputationGraph graph = linear(DataType.DOUBLE, 1);
        assertMessage(() -> PcaInitializer.initialize(graph, Pca.fit(x, 1)),
                "firstEncoderLayer", "H <= 1", "found [8, 2]");
        assertMessage(() -> PcaInitializer.initialize(graph,
                Pca.fit(x.getColumns(0, 1, 2, 3), 2)), "firstEncoderLayer", "D = 4");
        assertMessage(() -> PcaInitializer.initialize(graph, Pca.fit(x, 2), "nope",
                AutoencoderGraphBuilder.DECODER_OUT), "firstEncoderLayer", "no vertex named 'nope'");
        assertMessage(() -> new AutoencoderGraphBuilder(D, D + 1), "codeWidth", "found 9");
        assertMessage(() -> new AutoencoderGraphBuilder(D, 0), "codeWidth", "found 0");
    }
}
