package org.dl4jlvm.api;

import org.dl4jlvm.core.Checks;
import org.dl4jlvm.linear.Pca;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tools that work in the latent space of any {@link LatentVariableModel}: a decoded path between two inputs,
 * attribute vectors and a two-dimensional embedding for plots.
 *
 * <p>Attribute vectors follow White, Sampling Generative Networks, 2016 (arXiv:1609.04468), whose "smile vector"
 * is the mean latent point of smiling faces minus that of the others: adding it to an encoded input and
 * decoding adds the attribute.
 */
public final class LatentSpace {
    private LatentSpace() {
    }

    /**
     * The decoded straight path from {@code encode(from)} to {@code encode(to)}: {@code decode((1 - t) z_from + t z_to)}
     * at {@code steps} evenly spaced t from 0 to 1, shape [steps, D]. {@code from} and {@code to} are single rows.
     */
    public static INDArray interpolate(LatentVariableModel model, INDArray from, INDArray to, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("steps: expected at least 2 (both ends), found " + steps);
        }
        INDArray start = model.encode(row("from", from));
        INDArray end = model.encode(row("to", to));
        INDArray path = Nd4j.create(start.dataType(), steps, start.size(1));
        for (int i = 0; i < steps; i++) {
            double t = i / (double) (steps - 1);
            path.putRow(i, start.mul(1 - t).addi(end.mul(t)));
        }
        return model.decode(path);
    }

    /** The attribute vector {@code mean(encode(withAttribute)) - mean(encode(withoutAttribute))}, shape [1, Q]. */
    public static INDArray attributeVector(LatentVariableModel model, INDArray withAttribute, INDArray withoutAttribute) {
        return model.encode(withAttribute).mean(true, 0).subi(model.encode(withoutAttribute).mean(true, 0));
    }

    /**
     * {@code decode(encode(x) + s * vector)} for each strength s: rows grouped by strength, shape
     * [strengths.length * batch, D] (all of x with the first strength, then all with the second, ...).
     */
    public static INDArray addAttribute(LatentVariableModel model, INDArray x, INDArray vector, double... strengths) {
        Checks.width("vector", vector, model.latentWidth());
        if (strengths.length == 0) {
            throw new IllegalArgumentException("strengths: expected at least one strength, found none");
        }
        INDArray z = model.encode(x);
        INDArray direction = vector.reshape(1, z.size(1)).castTo(z.dataType());
        INDArray[] shifted = new INDArray[strengths.length];
        for (int s = 0; s < strengths.length; s++) {
            shifted[s] = z.addRowVector(direction.mul(strengths[s]));
        }
        return model.decode(Nd4j.vstack(shifted));
    }

    /**
     * Two coordinates per example for a scatter plot, shape [batch, 2]: the latent points themselves when Q = 2,
     * their projection onto their own first two principal components when Q &gt; 2 (for a VAE, the posterior means).
     */
    public static INDArray embedding2d(LatentVariableModel model, INDArray x) {
        if (model.latentWidth() < 2) {
            throw new IllegalArgumentException("model: expected a latent width of at least 2 for a 2-D embedding, found "
                    + model.latentWidth());
        }
        INDArray z = model.encode(x);
        return model.latentWidth() == 2 ? z : Pca.fit(z, 2).encode(z);
    }

    private static INDArray row(String parameter, INDArray x) {
        Checks.matrix(parameter, x);
        if (x.size(0) != 1) {
            throw new IllegalArgumentException(parameter + ": expected a single row [1, D], found " + x.size(0) + " rows");
        }
        return x;
    }
}
