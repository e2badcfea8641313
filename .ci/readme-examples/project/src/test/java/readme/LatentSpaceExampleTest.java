package readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dl4jlvm.api.LatentSpace;
import org.dl4jlvm.api.LatentVariableModel;
import org.dl4jlvm.linear.Pca;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** README, "One model API and latent-space tools", on a PCA model. */
class LatentSpaceExampleTest {
    @Test
    void runsAsWritten() {
        INDArray testImages = Data.images(300, 2);
        LatentVariableModel model = Pca.fit(Data.images(1000, 1), 8);
        INDArray imageA = testImages.getRow(0, true);
        INDArray imageB = testImages.getRow(1, true);
        INDArray pullovers = testImages.get(NDArrayIndex.interval(0, 50), NDArrayIndex.all());
        INDArray tShirts = testImages.get(NDArrayIndex.interval(50, 100), NDArrayIndex.all());

        // README: latent-space

        assertArrayEquals(new long[] {10, 784}, path.shape());
        assertEquals(model.reconstruct(imageA), path.getRow(0, true), "the path starts at A's reconstruction");
        assertEquals(model.reconstruct(imageB), path.getRow(9, true), "the path ends at B's reconstruction");
        assertArrayEquals(new long[] {1, 8}, sleeves.shape());
        assertArrayEquals(new long[] {2 * tShirts.size(0), 784}, edited.shape(), "T-shirts at strengths 0.5 and 1.0");
        assertArrayEquals(new long[] {300, 2}, xy.shape());
    }
}
