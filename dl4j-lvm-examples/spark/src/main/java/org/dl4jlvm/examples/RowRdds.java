package org.dl4jlvm.examples;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.dl4jlvm.training.UnsupervisedLabels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

/** Rows of data as Spark RDDs, and the minibatches a graph trains on made from them on the workers. */
final class RowRdds {
    private RowRdds() {
    }

    /**
     * The rows of {@code rows} ([N, D], on the driver) as an RDD of {@code partitions} slices, each row numbered, kept
     * by the workers: its lineage is cut once it is stored, so that later tasks no longer carry the rows from the
     * driver (a parallelised collection travels inside every task that reads it).
     */
    static JavaPairRDD<float[], Long> parallelize(JavaSparkContext spark, INDArray rows, int partitions) {
        float[][] values = rows.toFloatMatrix();
        List<float[]> list = new ArrayList<>(values.length);
        java.util.Collections.addAll(list, values);
        JavaPairRDD<float[], Long> numbered = spark.parallelize(list, partitions).zipWithIndex();
        numbered.rdd().localCheckpoint();
        numbered.count();
        return numbered;
    }

    /**
     * The rows in the random order of one epoch: each row keyed by a hash of ({@code seed}, {@code epoch}, its
     * number), then sorted by key, so every epoch has its own order, the same on every run.
     */
    static JavaRDD<float[]> shuffled(JavaPairRDD<float[], Long> numbered, long seed, int epoch) {
        return numbered.mapToPair(row -> new Tuple2<>(mix(seed, epoch, row._2()), row._1())).sortByKey().values();
    }

    /**
     * Minibatches of {@code batch} consecutive rows of each partition (the last of a partition may be smaller), with
     * the labels the graph's heads take.
     */
    static JavaRDD<MultiDataSet> batches(JavaRDD<float[]> rows, int batch, UnsupervisedLabels labels) {
        return rows.mapPartitions(partition -> new Iterator<MultiDataSet>() {
            @Override
            public boolean hasNext() {
                return partition.hasNext();
            }

            @Override
            public MultiDataSet next() {
                List<float[]> chunk = new ArrayList<>(batch);
                while (partition.hasNext() && chunk.size() < batch) {
                    chunk.add(partition.next());
                }
                return labels.dataSet(Nd4j.create(chunk.toArray(new float[0][])), null);
            }
        });
    }

    /** A 64-bit hash of the three numbers (SplitMix64's finaliser over their combination). */
    static long mix(long seed, int epoch, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
