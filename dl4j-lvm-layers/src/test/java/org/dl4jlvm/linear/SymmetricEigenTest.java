package org.dl4jlvm.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.dl4jlvm.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SymmetricEigenTest {

    /** Products against plain loops, at sizes where the bundled OpenBLAS's DGEMM failed on Sapphire Rapids. */
    @ParameterizedTest
    @ValueSource(ints = {3, 64, 200})
    void doubleProductsMatchPlainLoops(int n) {
        double[][] a = TestData.normal(n, n + 5, 1, DataType.DOUBLE).toDoubleMatrix();
        double[][] b = TestData.normal(n + 5, 7, 2, DataType.DOUBLE).toDoubleMatrix();
        double[][] product = DoubleProducts.multiply(Nd4j.createFromArray(a), Nd4j.createFromArray(b)).toDoubleMatrix();
        double[][] gram = DoubleProducts.transposeTimesSelf(Nd4j.createFromArray(a)).toDoubleMatrix();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 7; j++) {
                double expected = 0;
                for (int k = 0; k < n + 5; k++) {
                    expected += a[i][k] * b[k][j];
                }
                assertEquals(expected, product[i][j], 1e-12 * n, "(a b)[" + i + "][" + j + "]");
            }
        }
        for (int i = 0; i < n + 5; i++) {
            for (int j = 0; j < n + 5; j++) {
                double expected = 0;
                for (int k = 0; k < n; k++) {
                    expected += a[k][i] * a[k][j];
                }
                assertEquals(expected, gram[i][j], 1e-12 * n, "(a^T a)[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void reconstructsTheMatrixWithDescendingValues() {
        INDArray b = TestData.normal(6, 6, 3, DataType.DOUBLE);
        INDArray a = b.mmul(b.transpose()).addi(Nd4j.eye(6).castTo(DataType.DOUBLE).muli(0.5));
        SymmetricEigen eigen = SymmetricEigen.of(a);
        INDArray rebuilt = eigen.vectors.mulRowVector(eigen.values).mmul(eigen.vectors.transpose());
        assertEquals(0, rebuilt.sub(a).amaxNumber().doubleValue(), 1e-10);
        for (int i = 1; i < 6; i++) {
            assertEquals(true, eigen.values.getDouble(i - 1) >= eigen.values.getDouble(i));
        }
        INDArray gram = eigen.vectors.transpose().mmul(eigen.vectors);
        assertEquals(0, gram.sub(Nd4j.eye(6).castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 1e-10);
    }

    /**
     * The sizes where the OpenBLAS 0.3.19 bundled with nd4j-native, forced to its SkylakeX kernels on a Zen 4 CPU,
     * returned eigenvectors with a relative residual of 0.75 and 1.15 (2e-15 with the detected kernels).
     */
    @ParameterizedTest
    @ValueSource(ints = {200, 784})
    void residualAndEigenvaluesMatchAnIndependentSolver(int n) {
        INDArray b = TestData.normal(n, n + 16, n, DataType.DOUBLE);
        INDArray scatter = DoubleProducts.transposeTimesSelf(b.transpose());
        SymmetricEigen eigen = SymmetricEigen.of(scatter);
        double residual = SymmetricEigen.relativeResidual(scatter, eigen);
        assertTrue(residual <= 1e-10, "relative residual ||S V - V diag(l)|| / ||S|| = " + residual + " at n = " + n);

        double[] independent = new EigenDecomposition(new Array2DRowRealMatrix(scatter.toDoubleMatrix())).getRealEigenvalues();
        java.util.Arrays.sort(independent);
        double largest = independent[n - 1];
        for (int i = 0; i < n; i++) {
            assertEquals(independent[n - 1 - i], eigen.values.getDouble(i), 1e-10 * largest, "eigenvalue " + i);
        }
    }
}
