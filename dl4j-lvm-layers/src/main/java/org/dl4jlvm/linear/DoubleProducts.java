package org.dl4jlvm.linear;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.mult.MatrixMultProduct_DDRM;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products in double precision for the linear models, computed by EJML in Java instead of ND4J's
 * {@code mmul}, which calls the DGEMM of the OpenBLAS 0.3.19 bundled with nd4j-native. That DGEMM returns wrong
 * products (relative error about 1 from n = 200 on) under the kernels OpenBLAS picks by itself on AVX-512 Intel
 * CPUs with bf16 and fp16 (Sapphire Rapids), and its LAPACK wrong eigenvectors under SkylakeX kernels forced on
 * AMD Zen 4 (DL4J-NOTES). Its SGEMM, which training uses, was correct under every kernel measured.
 */
public final class DoubleProducts {
    private DoubleProducts() {
    }

    /** {@code a b} in double precision, shape [rows of a, columns of b]. */
    public static INDArray multiply(INDArray a, INDArray b) {
        if (a.size(1) != b.size(0)) {
            throw new IllegalArgumentException("a product of shapes " + java.util.Arrays.toString(a.shape()) + " and "
                    + java.util.Arrays.toString(b.shape()) + " is not defined");
        }
        DMatrixRMaj product = new DMatrixRMaj((int) a.size(0), (int) b.size(1));
        CommonOps_DDRM.mult(toEjml(a), toEjml(b), product);
        return toNd4j(product);
    }

    /** {@code a^T a} in double precision, shape [columns of a, columns of a], exactly symmetric. */
    public static INDArray transposeTimesSelf(INDArray a) {
        DMatrixRMaj product = new DMatrixRMaj((int) a.size(1), (int) a.size(1));
        // row-by-row, cache-friendly: 3.4 GFLOP/s on one core here against 1.2 for EJML's default inner product
        MatrixMultProduct_DDRM.inner_reorder(toEjml(a), product);
        return toNd4j(product);
    }

    static DMatrixRMaj toEjml(INDArray matrix) {
        INDArray rows = matrix.rank() == 1 ? matrix.reshape(1, matrix.length()) : matrix;
        return new DMatrixRMaj((int) rows.size(0), (int) rows.size(1), true,
                rows.castTo(DataType.DOUBLE).dup('c').data().asDouble());
    }

    static INDArray toNd4j(DMatrixRMaj matrix) {
        return Nd4j.createFromArray(matrix.getData()).reshape('c', matrix.getNumRows(), matrix.getNumCols());
    }
}
