package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.kryo.Nd4jSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import scala.reflect.ClassTag$;

class ArrayKryoRegistratorTest {

    /** Arrays of every kind the serialiser must keep: types, views, Fortran order, scalars, vectors, empty. */
    static List<INDArray> arrays() {
        Nd4j.getRandom().setSeed(7);
        INDArray matrix = Nd4j.rand(DataType.FLOAT, 5, 7);
        return List.of(matrix, Nd4j.rand(DataType.DOUBLE, 3, 4, 2), matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5)),
                Nd4j.rand(DataType.FLOAT, 'f', 6, 3), Nd4j.scalar(2.5f), Nd4j.createFromArray(1, 2, 3),
                Nd4j.create(DataType.FLOAT, 0, 4));
    }

    @Test
    void arraysComeBackAsNd4jsOwnSerialiserBringsThem() {
        Kryo kryo = new Kryo();
        ArrayKryoRegistrator.BlockSerializer block = new ArrayKryoRegistrator.BlockSerializer();
        Nd4jSerializer reference = new Nd4jSerializer();
        for (INDArray array : arrays()) {
            INDArray fast = roundTrip(kryo, block, array);
            INDArray slow = roundTrip(kryo, reference, array);
            assertEquals(array.dataType(), fast.dataType(), "data type");
            assertArrayEquals(slow.shape(), fast.shape(), "shape of " + array.shapeInfoToString());
            assertEquals(slow, fast, "values of " + array.shapeInfoToString());
            assertEquals(array, fast, "values of " + array.shapeInfoToString());
        }
    }

    @Test
    void sparksKryoSerialiserUsesTheBlockSerialiserForArrays() {
        KryoSerializer serializer = new KryoSerializer(new SparkConf()
                .set("spark.kryo.registrator", ArrayKryoRegistrator.class.getName()));
        assertTrue(serializer.newKryo().getRegistration(Nd4j.getBackend().getNDArrayClass()).getSerializer()
                instanceof ArrayKryoRegistrator.BlockSerializer, "the registered serialiser of ND4J's arrays");
        SerializerInstance spark = serializer.newInstance();
        INDArray array = Nd4j.rand(DataType.FLOAT, 40, 30);
        java.nio.ByteBuffer bytes = spark.serialize(array, ClassTag$.MODULE$.apply(INDArray.class));
        assertEquals(array, spark.deserialize(bytes, ClassTag$.MODULE$.apply(INDArray.class)));
    }

    private static INDArray roundTrip(Kryo kryo, com.esotericsoftware.kryo.Serializer<INDArray> serializer, INDArray array) {
        Output output = new Output(1 << 12, -1);
        serializer.write(kryo, output, array);
        return serializer.read(kryo, new Input(output.toBytes()), INDArray.class);
    }
}
