package org.dl4jlvm.linear;

import java.io.IOException;
import java.nio.file.Path;
import org.dl4jlvm.api.LatentVariableModel;
import org.dl4jlvm.core.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Principal component analysis: the mean and the leading Q eigenvectors V (the components, columns of a
 * [D, Q] matrix) of the covariance {@code S / N}, S the scatter matrix of N examples. {@code encode} gives
 * {@code z = V^T (x - mean)}, {@code decode} gives {@code x = V z + mean}; {@code reconstruct} is their
 * composition, the best rank-Q approximation in squared error. Explained variances are the eigenvalues of
 * {@code S / N} (the maximum-likelihood covariance, as in probabilistic PCA).
 *
 * <p>{@link #fit(INDArray, int)} decomposes the D x D scatter matrix, or, when there are fewer examples than
 * dimensions, the N x N Gram matrix of the centred data (cheaper, same components).
 * {@link #fit(DataSetIterator, int)} accumulates the scatter matrix in one pass over data that need not fit in
 * memory. Everything is computed in double precision; results come back in the input's data type.
 *
 * <p>Reference: Bishop, Pattern Recognition and Machine Learning, 2006, section 12.1.
 */
public final class Pca implements LatentVariableModel {
    private static final String KIND = "Pca";

    private final INDArray mean;
    private final INDArray components;
    private final INDArray explainedVariance;
    private final double totalVariance;

    Pca(INDArray mean, INDArray components, INDArray explainedVariance, double totalVariance) {
        this.mean = mean;
        this.components = components;
        this.explainedVariance = explainedVariance;
        this.totalVariance = totalVariance;
    }

    /** PCA with {@code latentWidth} components of the rows of {@code x} [N, D]. */
    public static Pca fit(INDArray x, int latentWidth) {
        Checks.matrix("x", x);
        checkLatentWidth(latentWidth, x.size(1));
        if (x.size(0) < x.size(1)) {
            return fitGram(x, latentWidth);
        }
        return fit(new Scatter().add(x), latentWidth);
    }

    /** PCA with {@code latentWidth} components of the features of every data set of {@code data}, in one pass. */
    public static Pca fit(DataSetIterator data, int latentWidth) {
        Checks.atLeastOne("latentWidth", latentWidth);
        if (data.resetSupported()) {
            data.reset();
        }
        Scatter scatter = new Scatter();
        while (data.hasNext()) {
            scatter.add(data.next().getFeatures());
        }
        return fit(scatter, latentWidth);
    }

    /** PCA with {@code latentWidth} components from an accumulated scatter matrix. */
    public static Pca fit(Scatter scatter, int latentWidth) {
        checkLatentWidth(latentWidth, scatter.width());
        INDArray covariance = scatter.scatter().divi(scatter.count());
        SymmetricEigen eigen = SymmetricEigen.of(covariance);
        INDArray leading = eigen.vectors.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latentWidth)).dup('c');
        return new Pca(scatter.mean(), leading, eigen.values.get(NDArrayIndex.interval(0, latentWidth)).dup(),
                Nd4j.diag(covariance).sumNumber().doubleValue());
    }

    /** N < D: eigenvectors u of the Gram matrix G = Xc Xc^T give components Xc^T u / sqrt(eigenvalue). */
    private static Pca fitGram(INDArray x, int latentWidth) {
        Checks.finite("x", x);
        long n = x.size(0);
        if (latentWidth > n - 1) {
            throw new IllegalArgumentException("latentWidth: " + n + " examples span at most " + (n - 1)
                    + " directions about their mean, found latentWidth " + latentWidth);
        }
        INDArray data = x.castTo(DataType.DOUBLE);
        INDArray mean = data.mean(0);
        INDArray centred = data.subRowVector(mean);
        SymmetricEigen eigen = SymmetricEigen.of(DoubleProducts.transposeTimesSelf(centred.transpose()));
        INDArray values = eigen.values.get(NDArrayIndex.interval(0, latentWidth)).dup();
        if (values.getDouble(latentWidth - 1) <= 1e-12 * Math.max(values.getDouble(0), Double.MIN_NORMAL)) {
            throw new IllegalArgumentException("x: the data span fewer than latentWidth = " + latentWidth + " directions");
        }
        INDArray components = DoubleProducts.multiply(centred.transpose(), eigen.vectors.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latentWidth)))
                .diviRowVector(org.nd4j.linalg.ops.transforms.Transforms.sqrt(values, true));
        double total = centred.mul(centred).sumNumber().doubleValue() / n;
        return new Pca(mean, components, values.divi(n), total);
    }

    static void checkLatentWidth(int latentWidth, long dataWidth) {
        if (latentWidth < 1 || latentWidth > dataWidth) {
            throw new IllegalArgumentException("latentWidth: must be between 1 and the data width D = " + dataWidth
                    + ", found " + latentWidth);
        }
    }

    /** The same PCA keeping only the first {@code latentWidth} components. */
    public Pca truncate(int latentWidth) {
        checkLatentWidth(latentWidth, latentWidth());
        return new Pca(mean, components.get(NDArrayIndex.all(), NDArrayIndex.interval(0, latentWidth)).dup('c'),
                explainedVariance.get(NDArrayIndex.interval(0, latentWidth)).dup(), totalVariance);
    }

    /** z = V^T (x - mean), shape [batch, Q]. */
    @Override
    public INDArray encode(INDArray x) {
        return DoubleProducts.multiply(centre(x), components).castTo(x.dataType());
    }

    /** x = V z + mean, shape [batch, D]. */
    @Override
    public INDArray decode(INDArray z) {
        Checks.width("z", z, latentWidth());
        return DoubleProducts.multiply(z, components.transpose()).addiRowVector(mean).castTo(z.dataType());
    }

    /** The projection of x onto the principal subspace, {@code V V^T (x - mean) + mean}. */
    @Override
    public INDArray reconstruct(INDArray x) {
        return decode(encode(x));
    }

    /**
     * n draws from the zero-noise limit of probabilistic PCA, {@code x = mean + V diag(sqrt(lambda)) eps} with
     * eps standard normal: a Gaussian confined to the principal subspace, shape [n, D] (double precision).
     */
    @Override
    public INDArray sample(int n, long seed) {
        Checks.atLeastOne("n", n);
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        INDArray scaled = Nd4j.randn(random, new long[] {n, latentWidth()}).castTo(DataType.DOUBLE)
                .muliRowVector(org.nd4j.linalg.ops.transforms.Transforms.sqrt(explainedVariance, true));
        return decode(scaled);
    }

    /** x - mean in double precision, after checking the width and values of x. */
    INDArray centre(INDArray x) {
        Checks.width("x", x, dataWidth());
        Checks.finite("x", x);
        return x.castTo(DataType.DOUBLE).subRowVector(mean);
    }

    /** The mean, shape [D] (double precision). */
    public INDArray mean() {
        return mean.dup();
    }

    /** The components as orthonormal columns, largest variance first, shape [D, Q] (double precision). */
    public INDArray components() {
        return components.dup();
    }

    /** Variance along each component (eigenvalues of the covariance), shape [Q]. */
    public INDArray explainedVariance() {
        return explainedVariance.dup();
    }

    /** Fraction of the total variance along each component, shape [Q]. */
    public INDArray explainedVarianceRatio() {
        return explainedVariance.div(totalVariance);
    }

    /** The total variance, the trace of the covariance. */
    public double totalVariance() {
        return totalVariance;
    }

    @Override
    public long dataWidth() {
        return mean.length();
    }

    @Override
    public int latentWidth() {
        return (int) components.size(1);
    }

    public void save(Path file) throws IOException {
        ArrayFile.write(file, KIND, mean, components, explainedVariance, Nd4j.scalar(totalVariance));
    }

    public static Pca load(Path file) throws IOException {
        INDArray[] a = ArrayFile.read(file, KIND, 4);
        return new Pca(a[0], a[1], a[2], a[3].getDouble(0));
    }
}
