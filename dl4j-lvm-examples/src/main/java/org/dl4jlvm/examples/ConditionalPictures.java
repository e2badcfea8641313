package org.dl4jlvm.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dl4jlvm.flows.Flow;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The pictures of a conditional flow on 2-D data: for a few contexts, the learned density p(x | context)
 * ({@code density.png}, a panel each) and samples given each ({@code samples.png}, a colour each). The contexts are
 * the test data's distinct context rows when there are at most 8 (labels, one-hot components), else the test rows at
 * the 10%, 37%, 63% and 90% quantiles of the first context column.
 */
final class ConditionalPictures {
    private static final int MOST_DISTINCT = 8;

    private ConditionalPictures() {
    }

    static void write(Flow flow, FlowData data, Path out, long seed) throws IOException {
        Map<String, INDArray> contexts = contexts(data.testContext);
        INDArray shown = data.test.get(NDArrayIndex.interval(0, Math.min(2000, data.test.size(0))), NDArrayIndex.all());
        double[] window = Plots2D.window(shown);
        INDArray grid = Plots2D.grid(window);
        List<double[]> densities = new ArrayList<>();
        List<INDArray> samples = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int k = 0;
        for (INDArray context : contexts.values()) {
            double[] logDensity = flow.logLikelihood(grid, context).castTo(DataType.DOUBLE).toDoubleVector();
            double[] density = new double[logDensity.length];
            for (int i = 0; i < density.length; i++) {
                density[i] = Math.exp(logDensity[i]);
            }
            densities.add(density);
            INDArray drawn = flow.sample(400, context, seed + k);
            samples.add(drawn);
            for (int i = 0; i < drawn.size(0); i++) {
                labels.add(k);
            }
            k++;
        }
        Plots2D.heatMaps(densities, out.resolve("density.png"));
        Plots2D.labelled(Nd4j.vstack(samples.toArray(new INDArray[0])), labels.stream().mapToInt(Integer::intValue).toArray(),
                contexts.keySet().toArray(new String[0]), out.resolve("samples.png"));
    }

    /** The contexts to draw, by name. */
    static Map<String, INDArray> contexts(INDArray testContext) {
        Map<String, INDArray> distinct = new LinkedHashMap<>();
        for (long i = 0; i < testContext.size(0) && distinct.size() <= MOST_DISTINCT; i++) {
            INDArray row = testContext.getRow(i, true);
            distinct.putIfAbsent(describe(row), row);
        }
        if (distinct.size() <= MOST_DISTINCT) {
            return distinct;
        }
        double[] first = testContext.getColumn(0).castTo(DataType.DOUBLE).toDoubleVector();
        Integer[] order = new Integer[first.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(first[a], first[b]));
        Map<String, INDArray> quantiles = new LinkedHashMap<>();
        for (double q : new double[] {0.10, 0.37, 0.63, 0.90}) {
            INDArray row = testContext.getRow(order[(int) Math.round(q * (order.length - 1))], true);
            quantiles.putIfAbsent(describe(row), row);
        }
        return quantiles;
    }

    private static String describe(INDArray row) {
        double[] values = row.castTo(DataType.DOUBLE).toDoubleVector();
        StringBuilder text = new StringBuilder("c = ");
        if (isOneHot(values)) {
            for (int j = 0; j < values.length; j++) {
                if (values[j] == 1.0) {
                    return text.append("class ").append(j).toString();
                }
            }
        }
        for (int j = 0; j < values.length; j++) {
            text.append(j == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.3g", values[j]));
        }
        return text.toString();
    }

    private static boolean isOneHot(double[] values) {
        int ones = 0;
        for (double value : values) {
            if (value == 1.0) {
                ones++;
            } else if (value != 0.0) {
                return false;
            }
        }
        return ones == 1 && values.length > 1;
    }
}
