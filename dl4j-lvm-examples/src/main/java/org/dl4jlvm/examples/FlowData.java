package org.dl4jlvm.examples;

import java.io.IOException;
import java.nio.file.Path;
import org.dl4jlvm.data.CsvData;
import org.dl4jlvm.data.Density2D;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The train and test data of the flow commands, and what is known about them. The training rows are null when
 * they stay distributed (a CSV file read by Spark); {@link #trainExamples} counts them either way. A conditional flow's
 * data also has a context row per example ({@link #trainContext}, {@link #testContext}; null otherwise).
 */
final class FlowData {
    static final int DENSITY_TEST_SIZE = 10_000;

    final String description;
    final INDArray train;
    final long trainExamples;
    final INDArray test;
    final boolean images;
    final boolean standardize;
    final Density2D density;
    final Double entropy;
    final INDArray trainContext;
    final INDArray testContext;

    private FlowData(String description, INDArray train, INDArray test, boolean images, boolean standardize,
            Density2D density, Double entropy) {
        this(description, train, test, images, standardize, density, entropy, train.size(0), null, null);
    }

    private FlowData(String description, INDArray train, INDArray test, boolean images, boolean standardize,
            Density2D density, Double entropy, long trainExamples, INDArray trainContext, INDArray testContext) {
        this.description = description;
        this.train = train;
        this.trainExamples = trainExamples;
        this.test = test;
        this.images = images;
        this.standardize = standardize;
        this.density = density;
        this.entropy = entropy;
        this.trainContext = trainContext;
        this.testContext = testContext;
    }

    /** True for data with a context. */
    boolean conditional() {
        return testContext != null;
    }

    /** The context's width C (0 without one). */
    int contextWidth() {
        return testContext == null ? 0 : (int) testContext.size(1);
    }

    /** A table whose {@code trainExamples} training rows stay distributed, standardised, with its test rows. */
    static FlowData distributedTable(String description, long trainExamples, INDArray test) {
        return new FlowData(description, null, test, false, true, null, null, trainExamples, null, null);
    }

    /** Dimension of the data. */
    long dimension() {
        return test.size(1);
    }

    /**
     * The data of a flow command: a CSV file (its {@code contextColumns}, 0-based, as the context), Fashion-MNIST, or
     * a 2-D density ({@code conditional}: given the one-hot mixture component each point was drawn from).
     */
    static FlowData load(Path csv, String dataset, long densitySamples, long seed, Path fashionFolder, int[] contextColumns,
            boolean conditional) throws IOException {
        if (csv != null) {
            INDArray values = CsvData.read(csv).values().castTo(DataType.FLOAT);
            if (values.size(0) < 10) {
                throw new IllegalArgumentException("--csv: expected at least 10 rows for a 90/10 split, found " + values.size(0));
            }
            INDArray shuffled = shuffle(values, seed);
            long trainRows = Math.round(values.size(0) * 0.9);
            INDArray[] columns = ContextColumns.split(shuffled, contextColumns);
            String description = "csv " + csv.getFileName();
            if (columns[1] == null) {
                return new FlowData(description, rows(columns[0], 0, trainRows), rows(columns[0], trainRows, values.size(0)),
                        false, true, null, null);
            }
            return new FlowData(description + " given columns " + java.util.Arrays.toString(contextColumns),
                    rows(columns[0], 0, trainRows), rows(columns[0], trainRows, values.size(0)), false, true, null, null,
                    trainRows, rows(columns[1], 0, trainRows), rows(columns[1], trainRows, values.size(0)));
        }
        if (contextColumns != null) {
            throw new IllegalArgumentException("--context-columns: expected with --csv, found --dataset "
                    + (dataset == null ? "moons (the default)" : dataset) + "; use --conditional for a 2-D density");
        }
        String name = dataset == null ? "moons" : dataset;
        if (name.equalsIgnoreCase("fashion")) {
            if (conditional) {
                throw new IllegalArgumentException("--conditional: expected a 2-D density (given its mixture component), "
                        + "found --dataset fashion");
            }
            FashionMnist fashion = FashionMnist.load(fashionFolder);
            return new FlowData(fashion.description + ", dequantised", fashion.trainImages, fashion.testImages, true, false,
                    null, null);
        }
        Density2D density;
        try {
            density = Density2D.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--dataset: expected moons, eight-gaussians, checkerboard, rings or fashion, found '"
                    + name + "'");
        }
        if (!conditional) {
            INDArray train = density.sample(Math.toIntExact(densitySamples), seed, DataType.FLOAT);
            INDArray test = density.sample(DENSITY_TEST_SIZE, seed + 1_000_003, DataType.FLOAT);
            return new FlowData(density.label(), train, test, false, false, density, density.entropy());
        }
        INDArray train = density.sampleWithComponents(Math.toIntExact(densitySamples), seed, DataType.FLOAT);
        INDArray test = density.sampleWithComponents(DENSITY_TEST_SIZE, seed + 1_000_003, DataType.FLOAT);
        return new FlowData(density.label() + " given its component", ContextColumns.points(train),
                ContextColumns.points(test), false, false, density, null, train.size(0),
                ContextColumns.oneHotComponents(train, density.components()),
                ContextColumns.oneHotComponents(test, density.components()));
    }

    private static INDArray shuffle(INDArray values, long seed) {
        int[] order = new int[(int) values.size(0)];
        java.util.List<Integer> list = new java.util.ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            list.add(i);
        }
        java.util.Collections.shuffle(list, new java.util.Random(seed));
        for (int i = 0; i < order.length; i++) {
            order[i] = list.get(i);
        }
        return Nd4j.pullRows(values, 1, order);
    }

    private static INDArray rows(INDArray values, long from, long to) {
        return values.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }
}
