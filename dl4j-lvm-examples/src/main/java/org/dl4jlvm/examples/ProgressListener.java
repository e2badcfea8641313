package org.dl4jlvm.examples;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/** A console progress bar over training iterations that shows the current score. */
public final class ProgressListener extends BaseTrainingListener implements AutoCloseable {
    private final ProgressBar bar;

    public ProgressListener(String task, long iterations, String unit) {
        this.bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(iterations)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build();
        bar.setExtraMessage(unit);
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
