package org.dl4jlvm.linear;

import org.dl4jlvm.core.Checks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The eigen-decomposition {@code A = V diag(values) V^T} of a symmetric matrix, computed in double precision
 * by LAPACK's {@code syev} through ND4J, with the eigenvalues in descending order and the eigenvectors as the
 * columns of {@code vectors}.
 */
final class SymmetricEigen {
    /** Eigenvalues, largest first, shape [n]. */
    final INDArray values;
    /** Orthonormal eigenvectors as columns, in the order of {@link #values}, shape [n, n]. */
    final INDArray vectors;

    private SymmetricEigen(INDArray values, INDArray vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes the symmetric matrix {@code a} (left unchanged). */
    static SymmetricEigen of(INDArray a) {
        Checks.matrix("a", a);
        if (a.size(0) != a.size(1)) {
            throw new IllegalArgumentException("a: expected a square matrix, found shape " + java.util.Arrays.toString(a.shape()));
        }
        // syev works in column-major order and overwrites its argument with the eigenvectors
        INDArray work = a.castTo(DataType.DOUBLE).dup('f');
        INDArray ascending = Eigen.symmetricGeneralizedEigenvalues(work, true);
        int n = (int) a.size(0);
        INDArray values = Nd4j.create(DataType.DOUBLE, n);
        INDArray vectors = Nd4j.create(DataType.DOUBLE, new long[] {n, n}, 'c');
        for (int i = 0; i < n; i++) {
            values.putScalar(i, ascending.getDouble(n - 1 - i));
            vectors.putColumn(i, work.getColumn(n - 1 - i));
        }
        return new SymmetricEigen(values, vectors);
    }

    /** The inverse {@code V diag(1 / values) V^T}; the matrix must be positive definite. */
    INDArray inverse() {
        return vectors.divRowVector(values).mmul(vectors.transpose());
    }

    /** {@code log det A = sum log values}; the matrix must be positive definite. */
    double logDeterminant() {
        return org.nd4j.linalg.ops.transforms.Transforms.log(values, true).sumNumber().doubleValue();
    }
}
