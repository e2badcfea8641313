package org.dl4jlvm.examples;

import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Held-out scores computed in chunks, so large test sets fit in memory. */
final class Evaluation {
    private Evaluation() {
    }

    /**
     * The mean of a per-example score over data with a context row per example (null for none), scored by
     * {@code score(rows, contexts)} {@code chunk} rows at a time.
     */
    static double mean(INDArray data, INDArray context, int chunk,
            java.util.function.BiFunction<INDArray, INDArray, INDArray> score) {
        double sum = 0;
        for (long from = 0; from < data.size(0); from += chunk) {
            long to = Math.min(from + chunk, data.size(0));
            INDArray rows = data.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            sum += score.apply(rows, context == null ? null : context.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()))
                    .sumNumber().doubleValue();
        }
        return sum / data.size(0);
    }

    /** Mean over all rows of {@code data} of a per-example score, evaluated {@code chunk} rows at a time. */
    static double mean(INDArray data, int chunk, Function<INDArray, INDArray> score) {
        return mean(data, null, chunk, (rows, none) -> score.apply(rows));
    }
}
