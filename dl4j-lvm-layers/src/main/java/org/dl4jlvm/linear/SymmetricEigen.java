package org.dl4jlvm.linear;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.dl4jlvm.core.Checks;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The eigen-decomposition {@code A = V diag(values) V^T} of a symmetric matrix in double precision, with the
 * eigenvalues in descending order and the eigenvectors as the columns of {@code vectors}.
 *
 * <p>Computed by EJML's symmetric QR algorithm (tridiagonalisation, then implicit QR), in Java, not by the LAPACK
 * that nd4j-native bundles: the {@code syev} of its OpenBLAS 0.3.19 returned wrong eigenvectors (relative
 * {@link #relativeResidual} 0.75 to 1.15 against 1e-15) under SkylakeX kernels forced on AMD Zen 4 and on a Sapphire
 * Rapids Xeon, whose own kernels get DGEMM wrong (see {@link DoubleProducts}).
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
            throw new IllegalArgumentException("a: expected a square matrix, found shape " + Arrays.toString(a.shape()));
        }
        int n = (int) a.size(0);
        DMatrixRMaj matrix = DoubleProducts.toEjml(a);
        EigenDecomposition_F64<DMatrixRMaj> solver = DecompositionFactory_DDRM.eig(n, true, true);
        if (!solver.decompose(matrix)) {
            throw new IllegalArgumentException("a: the symmetric eigen-solver did not converge for this " + n + " x " + n
                    + " matrix (is it finite and symmetric?)");
        }
        int[] descending = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> solver.getEigenvalue(i).real).reversed())
                .mapToInt(Integer::intValue).toArray();
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int column = 0; column < n; column++) {
            values[column] = solver.getEigenvalue(descending[column]).real;
            DMatrixRMaj vector = solver.getEigenVector(descending[column]);
            for (int row = 0; row < n; row++) {
                vectors[row * n + column] = vector.get(row);
            }
        }
        return new SymmetricEigen(Nd4j.createFromArray(values), Nd4j.createFromArray(vectors).reshape('c', n, n));
    }

    /**
     * {@code ||A V - V diag(values)||_F / ||A||_F}: about 1e-15 for a correct decomposition in double precision, of
     * order 1 for wrong eigenvectors.
     */
    static double relativeResidual(INDArray a, SymmetricEigen eigen) {
        INDArray matrix = a.castTo(DataType.DOUBLE);
        INDArray difference = DoubleProducts.multiply(matrix, eigen.vectors).subi(eigen.vectors.mulRowVector(eigen.values));
        return difference.norm2Number().doubleValue() / matrix.norm2Number().doubleValue();
    }

    /** The inverse {@code V diag(1 / values) V^T}; the matrix must be positive definite. */
    INDArray inverse() {
        return DoubleProducts.multiply(vectors.divRowVector(values), vectors.transpose());
    }

    /** {@code log det A = sum log values}; the matrix must be positive definite. */
    double logDeterminant() {
        return org.nd4j.linalg.ops.transforms.Transforms.log(values, true).sumNumber().doubleValue();
    }
}
