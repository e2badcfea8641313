package readme;

import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.dl4jlvm.data.Density2D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The data a user brings: 28 x 28 "images" in [0, 1] with a few factors of variation, and 2-D points. */
final class Data {
    static final int PIXELS = 784;

    private Data() {
    }

    /** n images sigmoid(3 c W) with 4 standard normal factors c per image and one fixed W, seeded. */
    static INDArray images(int n, long seed) {
        Random factors = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        Random loadings = Nd4j.getRandomFactory().getNewRandomInstance(1234);
        INDArray c = Nd4j.randn(factors, new long[] {n, 4});
        INDArray w = Nd4j.randn(loadings, new long[] {4, PIXELS});
        return Transforms.sigmoid(c.mmul(w).muli(3), false).castTo(DataType.FLOAT);
    }

    /** n points of the two moons, seeded. */
    static INDArray moons(int n, long seed) {
        return Density2D.MOONS.sample(n, seed, DataType.FLOAT);
    }

    /** DL4J's plain list iterator over the rows of x, in order (features only matter to these models). */
    static DataSetIterator iterator(INDArray x, int batch) {
        List<DataSet> rows = new DataSet(x, x).asList();
        return new ListDataSetIterator<>(rows, batch);
    }
}
