package org.dl4jlvm.sbi;

import org.dl4jlvm.flows.Standardization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The flow's context: the data or their summaries s(x), z-scored by the training pairs' means and deviations. */
final class Context {
    private final SummaryStatistics summaries;
    private final INDArray mean;
    private final INDArray deviation;

    private Context(SummaryStatistics summaries, INDArray mean, INDArray deviation) {
        this.summaries = summaries;
        this.mean = mean;
        this.deviation = deviation;
    }

    /** s(x) for every row of the data ({@code [n, D]} to {@code [n, S]}), or the data themselves. */
    static INDArray of(INDArray data, SummaryStatistics summaries) {
        INDArray rows = data.castTo(DataType.DOUBLE);
        if (summaries == null) {
            return rows;
        }
        double[][] s = new double[(int) rows.size(0)][];
        for (int i = 0; i < s.length; i++) {
            s[i] = summaries.compute(rows.getRow(i).toDoubleVector());
        }
        return Nd4j.createFromArray(s);
    }

    /** The scaling fitted to these context rows; a column without spread keeps deviation 1. */
    static Context fit(INDArray context, SummaryStatistics summaries) {
        double[][] meanAndScale = Standardization.meanAndScale(context);
        return new Context(summaries, Nd4j.createFromArray(new double[][] {meanAndScale[0]}),
                Nd4j.createFromArray(new double[][] {meanAndScale[1]}));
    }

    /** z-scored context rows. */
    INDArray apply(INDArray context) {
        return context.subRowVector(mean).divRowVector(deviation);
    }

    /** The z-scored context of one observation, {@code [1, S]}. */
    INDArray observed(double[] x) {
        double[] row = summaries == null ? x : summaries.compute(x);
        return apply(Nd4j.createFromArray(new double[][] {row}));
    }
}
