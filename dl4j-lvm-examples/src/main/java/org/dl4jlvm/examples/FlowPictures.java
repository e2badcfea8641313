package org.dl4jlvm.examples;

import java.nio.file.Path;
import java.util.List;
import org.dl4jlvm.data.Density2D;
import org.dl4jlvm.flows.Flow;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The pictures of a flow run: samples of images, or the learned density and samples of 2-D data. */
final class FlowPictures {
    private FlowPictures() {
    }

    static List<String> names(FlowData data) {
        if (data.images) {
            return List.of("samples.png", "samples-t0.7.png", BitsPerDimCurve.NAME);
        }
        return data.dimension() == 2 ? List.of("density.png", "samples.png") : List.of();
    }

    static void write(Flow flow, FlowData data, Path out, long seed) throws java.io.IOException {
        if (data.images) {
            // at temperature 1 and, as Glow shows its samples, 0.7
            for (double temperature : new double[] {1.0, 0.7}) {
                INDArray samples = flow.sample(64, temperature, seed);
                Pictures.grid(Transforms.min(Transforms.max(samples, 0.0), 1.0), 8,
                        out.resolve(temperature == 1.0 ? "samples.png" : "samples-t0.7.png"));
            }
            return;
        }
        if (data.dimension() != 2) {
            return;
        }
        if (data.conditional()) {
            ConditionalPictures.write(flow, data, out, seed);
            return;
        }
        INDArray shown = data.test.get(NDArrayIndex.interval(0, Math.min(2000, data.test.size(0))), NDArrayIndex.all());
        double[] window = Plots2D.window(shown);
        INDArray grid = Plots2D.grid(window);
        double[] learned = new double[(int) grid.size(0)];
        for (long from = 0; from < grid.size(0); from += 10_000) {
            long to = Math.min(from + 10_000, grid.size(0));
            double[] chunk = flow.logLikelihood(grid.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()))
                    .castTo(DataType.DOUBLE).toDoubleVector();
            for (int i = 0; i < chunk.length; i++) {
                learned[(int) from + i] = Math.exp(chunk[i]);
            }
        }
        if (data.density != null) {
            Density2D density = data.density;
            Plots2D.heatMaps(List.of(Plots2D.evaluate(window, (x, y) -> Math.exp(density.logDensity(x, y))), learned),
                    out.resolve("density.png"));
        } else {
            Plots2D.heatMaps(List.of(learned), out.resolve("density.png"));
        }
        INDArray samples = flow.sample((int) shown.size(0), seed);
        Plots2D.scatter(window, List.of(new INDArray[] {shown}, new INDArray[] {shown, samples}), out.resolve("samples.png"));
    }
}
