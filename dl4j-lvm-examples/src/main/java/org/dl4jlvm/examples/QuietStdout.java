package org.dl4jlvm.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output without the line SameDiff 1.0.0-M2.1 prints with {@code System.out.println} for every op
 * it differentiates ("Added differentiated op ..."), which no logging configuration can silence.
 */
final class QuietStdout extends OutputStream {
    private static final String NOISE = "Added differentiated op ";

    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private QuietStdout(PrintStream target) {
        this.target = target;
    }

    /** Replaces System.out with a filtered copy of itself. */
    static void install() {
        System.setOut(new PrintStream(new QuietStdout(System.out), true, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            if (!text.startsWith(NOISE)) {
                target.print(text);
            }
            line.reset();
        }
    }

    @Override
    public synchronized void flush() {
        if (line.size() > 0 && !NOISE.startsWith(line.toString(StandardCharsets.UTF_8))) {
            target.print(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
        target.flush();
    }
}
