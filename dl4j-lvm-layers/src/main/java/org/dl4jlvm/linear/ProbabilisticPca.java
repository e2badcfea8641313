package org.dl4jlvm.linear;

import java.io.IOException;
import java.nio.file.Path;
import org.dl4jlvm.api.LatentVariableModel;
import org.dl4jlvm.core.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Probabilistic PCA: {@code z ~ N(0, I_Q)}, {@code x | z ~ N(W z + mean, s2 I_D)}, so that
 * {@code x ~ N(mean, C)} with {@code C = W W^T + s2 I}. {@link #from(Pca)} gives the closed-form maximum-likelihood
 * solution: {@code s2} is the mean of the D - Q discarded eigenvalues of the covariance and
 * {@code W = V (L - s2 I)^(1/2)} with the leading eigenvectors V and eigenvalues L.
 *
 * <p>{@link #logLikelihood} is exact, in nats per example, and costs O(D Q) per example plus O(D Q^2) once,
 * never forming or inverting a D x D matrix: with {@code M = W^T W + s2 I_Q},
 * {@code log det C = (D - Q) log s2 + log det M} (matrix determinant lemma) and
 * {@code C^-1 = (I - W M^-1 W^T) / s2} (Woodbury identity). {@link #encode} is the posterior mean
 * {@code E[z | x] = M^-1 W^T (x - mean)}.
 *
 * <p>Reference: Tipping and Bishop, Probabilistic Principal Component Analysis, JRSS B 61(3), 1999.
 */
public final class ProbabilisticPca implements LatentVariableModel {
    private static final String KIND = "ProbabilisticPca";
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private final INDArray mean;
    private final INDArray weights;
    private final double noiseVariance;
    private final INDArray posteriorPrecisionInverse;
    private final double logDetPosteriorPrecision;
    private final INDArray projection;

    /** PPCA with mean [D], weights W [D, Q] (Q < D) and noise variance s2 > 0. */
    public ProbabilisticPca(INDArray mean, INDArray weights, double noiseVariance) {
        Checks.matrix("weights", weights);
        if (mean == null || mean.length() != weights.size(0)) {
            throw new IllegalArgumentException("mean: expected length " + weights.size(0) + " (the rows of weights), found "
                    + (mean == null ? "null" : mean.length()));
        }
        if (weights.size(1) >= weights.size(0)) {
            throw new IllegalArgumentException("weights: expected fewer columns Q than rows D, found shape "
                    + java.util.Arrays.toString(weights.shape()));
        }
        Checks.finite("weights", weights);
        this.mean = mean.castTo(DataType.DOUBLE).reshape(mean.length());
        this.weights = weights.castTo(DataType.DOUBLE);
        this.noiseVariance = Checks.positive("noiseVariance", noiseVariance);
        INDArray gram = DoubleProducts.transposeTimesSelf(this.weights);
        SymmetricEigen m = SymmetricEigen.of(gram.add(Nd4j.eye(gram.size(0)).castTo(DataType.DOUBLE).muli(noiseVariance)));
        this.posteriorPrecisionInverse = m.inverse();
        this.logDetPosteriorPrecision = m.logDeterminant();
        this.projection = DoubleProducts.multiply(this.weights, SymmetricEigen.of(gram).inverse());
    }

    /** The maximum-likelihood PPCA with {@code latentWidth} < D dimensions of the rows of {@code x}. */
    public static ProbabilisticPca fit(INDArray x, int latentWidth) {
        return from(Pca.fit(x, latentWidth));
    }

    /** The maximum-likelihood PPCA with the latent width of a fitted PCA (which must be below D). */
    public static ProbabilisticPca from(Pca pca) {
        int q = pca.latentWidth();
        long d = pca.dataWidth();
        if (q >= d) {
            throw new IllegalArgumentException("latentWidth: probabilistic PCA needs Q < D = " + d + " so that the noise"
                    + " variance is defined, found Q = " + q);
        }
        INDArray eigenvalues = pca.explainedVariance();
        double noiseVariance = (pca.totalVariance() - eigenvalues.sumNumber().doubleValue()) / (d - q);
        if (!(noiseVariance > 0)) {
            throw new IllegalArgumentException("data: the discarded directions have no variance (s2 = " + noiseVariance
                    + "); use fewer latent dimensions than the data's rank");
        }
        INDArray scales = org.nd4j.linalg.ops.transforms.Transforms.sqrt(
                org.nd4j.linalg.ops.transforms.Transforms.max(eigenvalues.sub(noiseVariance), 0.0, false), false);
        return new ProbabilisticPca(pca.mean(), pca.components().mulRowVector(scales), noiseVariance);
    }

    /** Exact: the marginal density is Gaussian. */
    @Override
    public LikelihoodKind likelihoodKind() {
        return LikelihoodKind.EXACT;
    }

    /** log N(x; mean, W W^T + s2 I) per example, shape [batch], in nats (double precision). */
    @Override
    public INDArray logLikelihood(INDArray x) {
        INDArray centred = centre(x);
        INDArray projected = DoubleProducts.multiply(centred, weights);
        INDArray quadratic = centred.mul(centred).sum(1)
                .subi(DoubleProducts.multiply(projected, posteriorPrecisionInverse).muli(projected).sum(1)).divi(noiseVariance);
        long d = dataWidth();
        double logDet = (d - latentWidth()) * Math.log(noiseVariance) + logDetPosteriorPrecision;
        return quadratic.addi(d * LOG_TWO_PI + logDet).muli(-0.5);
    }

    /** The posterior mean {@code E[z | x] = M^-1 W^T (x - mean)}, shape [batch, Q]. */
    @Override
    public INDArray encode(INDArray x) {
        return DoubleProducts.multiply(projected(x), posteriorPrecisionInverse).castTo(x.dataType());
    }

    /** {@code E[x | z] = W z + mean}, shape [batch, D]. */
    @Override
    public INDArray decode(INDArray z) {
        Checks.width("z", z, latentWidth());
        return fromLatent(z).castTo(z.dataType());
    }

    /**
     * The optimal reconstruction from the posterior mean, {@code W (W^T W)^-1 M E[z | x] + mean}: the orthogonal
     * projection onto the span of W, equal to PCA's reconstruction for the closed-form fit. ({@code decode(encode(x))}
     * is shrunk towards the mean.)
     */
    @Override
    public INDArray reconstruct(INDArray x) {
        return DoubleProducts.multiply(projected(x), projection.transpose()).addiRowVector(mean).castTo(x.dataType());
    }

    /** n draws {@code x = W z + mean + s eps}, z and eps standard normal, shape [n, D] (double precision). */
    @Override
    public INDArray sample(int n, long seed) {
        Checks.atLeastOne("n", n);
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        INDArray z = Nd4j.randn(random, new long[] {n, latentWidth()}).castTo(DataType.DOUBLE);
        INDArray noise = Nd4j.randn(random, new long[] {n, dataWidth()}).castTo(DataType.DOUBLE);
        return fromLatent(z).addi(noise.muli(Math.sqrt(noiseVariance)));
    }

    /** {@code W^T (x - mean)} per example, shape [batch, Q]. */
    private INDArray projected(INDArray x) {
        return DoubleProducts.multiply(centre(x), weights);
    }

    /** {@code W z + mean} per example, shape [batch, D], in double precision. */
    private INDArray fromLatent(INDArray z) {
        return DoubleProducts.multiply(z, weights.transpose()).addiRowVector(mean);
    }

    private INDArray centre(INDArray x) {
        Checks.width("x", x, dataWidth());
        Checks.finite("x", x);
        return x.castTo(DataType.DOUBLE).subRowVector(mean);
    }

    /** The model covariance {@code W W^T + s2 I}, a dense [D, D] matrix: for inspection of small models. */
    public INDArray covariance() {
        long d = dataWidth();
        return DoubleProducts.multiply(weights, weights.transpose()).addi(Nd4j.eye(d).castTo(DataType.DOUBLE).muli(noiseVariance));
    }

    public INDArray mean() {
        return mean.dup();
    }

    public INDArray weights() {
        return weights.dup();
    }

    public double noiseVariance() {
        return noiseVariance;
    }

    @Override
    public long dataWidth() {
        return weights.size(0);
    }

    @Override
    public int latentWidth() {
        return (int) weights.size(1);
    }

    public void save(Path file) throws IOException {
        ArrayFile.write(file, KIND, mean, weights, Nd4j.scalar(noiseVariance));
    }

    public static ProbabilisticPca load(Path file) throws IOException {
        INDArray[] a = ArrayFile.read(file, KIND, 3);
        return new ProbabilisticPca(a[0], a[1], a[2].getDouble(0));
    }
}
