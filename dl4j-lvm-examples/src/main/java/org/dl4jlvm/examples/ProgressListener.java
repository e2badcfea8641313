package org.dl4jlvm.examples;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/** A console progress bar over training iterations that shows the current score. */
public final class ProgressListener extends BaseTrainingListener implements AutoCloseable {
    private final ProgressBar bar;

    /** @param iterations the iterations to come, or -1 when unknown (early stopping) */
    public ProgressListener(String task, long iterations, String unit) {
        this.bar = bar(task, iterations);
        bar.setExtraMessage(unit);
    }

    /** The commands' console progress bar over {@code max} steps (-1: unknown). */
    static ProgressBar bar(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate().build();
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        bar.step();
        bar.setExtraMessage(String.format("score %.2f (epoch %d)", model.score(), epoch + 1));
    }

    @Override
    public void close() {
        bar.close();
    }
}
