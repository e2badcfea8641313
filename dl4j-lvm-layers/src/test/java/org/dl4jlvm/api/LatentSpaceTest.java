package org.dl4jlvm.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dl4jlvm.Rejections;
import org.dl4jlvm.TestData;
import org.dl4jlvm.linear.Pca;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** With PCA, whose encoder and decoder are affine, every latent-space tool has a closed form to check against. */
class LatentSpaceTest {
    private static final INDArray X = TestData.normal(200, 5, 11, DataType.DOUBLE);
    private static final Pca PCA = Pca.fit(X, 3);

    @Test
    void interpolationRunsFromOneReconstructionToTheOtherThroughTheMidpoint() {
        INDArray a = X.getRow(0, true);
        INDArray b = X.getRow(1, true);
        INDArray path = LatentSpace.interpolate(PCA, a, b, 5);
        assertArrayEquals(new long[] {5, 5}, path.shape());
        assertTrue(path.getRow(0, true).equalsWithEps(PCA.reconstruct(a), 1e-10));
        assertTrue(path.getRow(4, true).equalsWithEps(PCA.reconstruct(b), 1e-10));
        assertTrue(path.getRow(2, true).equalsWithEps(PCA.reconstruct(a.add(b).divi(2)), 1e-10));
    }

    @Test
    void addingTheAttributeVectorToOneGroupsMeanGivesTheOtherGroupsMean() {
        INDArray with = X.get(NDArrayIndex.interval(0, 100), NDArrayIndex.all()).add(2.0);
        INDArray without = X.get(NDArrayIndex.interval(100, 200), NDArrayIndex.all());
        INDArray vector = LatentSpace.attributeVector(PCA, with, without);
        assertArrayEquals(new long[] {1, 3}, vector.shape());
        INDArray shifted = LatentSpace.addAttribute(PCA, without.mean(true, 0), vector, 0.0, 1.0);
        assertTrue(shifted.getRow(0, true).equalsWithEps(PCA.reconstruct(without.mean(true, 0)), 1e-10));
        assertTrue(shifted.getRow(1, true).equalsWithEps(PCA.reconstruct(with.mean(true, 0)), 1e-10),
                "the attribute must move the mean of one group onto the other's");
    }

    @Test
    void theEmbeddingIsTheLatentPointsOrTheirTwoLeadingComponents() {
        Pca flat = PCA.truncate(2);
        assertEquals(flat.encode(X), LatentSpace.embedding2d(flat, X));
        INDArray embedding = LatentSpace.embedding2d(PCA, X);
        assertArrayEquals(new long[] {200, 2}, embedding.shape());
        INDArray variance = embedding.var(0);
        INDArray latentVariance = PCA.encode(X).var(0);
        assertEquals(latentVariance.getDouble(0), variance.getDouble(0), 1e-8, "PCA latents are already uncorrelated");
        assertEquals(latentVariance.getDouble(1), variance.getDouble(1), 1e-8);
    }

    @Test
    void badArgumentsAreNamed() {
        Rejections.assertMessage(() -> LatentSpace.interpolate(PCA, X.getRow(0, true), X.getRow(1, true), 1), "steps", "at least 2", "1");
        Rejections.assertMessage(() -> LatentSpace.interpolate(PCA, X, X.getRow(1, true), 3), "from", "single row", "200");
        Rejections.assertMessage(() -> LatentSpace.addAttribute(PCA, X, X.getRow(0, true), 1.0), "vector");
        Rejections.assertMessage(() -> LatentSpace.embedding2d(PCA.truncate(1), X), "latent width", "1");
    }
}
