package org.dl4jlvm.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.ui.VertxUIServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Trains a Glow flow with {@code --ui}, then opens DL4J's dashboard in Debian's headless Chromium (driven by
 * ChromeDriver) and reads the rendered page: the score chart must plot this run's scores, and the model graph must
 * show our custom layers by name. The screenshots land in {@code target/dashboard-*.png}.
 */
class DashboardTest {
    private static final int PORT = 9317;
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @AfterAll
    static void stopServer() throws Exception {
        VertxUIServer.stopInstance();
    }

    @Test
    void theDashboardShowsTheScoreChartAndOurLayers(@TempDir Path out, @TempDir Path profile) throws Exception {
        assertTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(), "this test needs Debian's chromium and chromium-driver "
                + "(apt-get install chromium chromium-driver), which the README's test command installs");
        assertEquals(0, Main.run("flow", "--dataset", "moons", "--kind", "GLOW", "--steps", "2", "--hidden", "16",
                "--iterations", "80", "--batch", "64", "--log-every", "10", "--ui", "--ui-port", String.valueOf(PORT),
                "--out", out.toString()));
        Map<Long, Double> logged = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("objective.csv")).subList(1, 9)) {
            String[] cells = line.split(",");
            logged.put(Long.parseLong(cells[0]), Double.parseDouble(cells[2]));
        }

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get("http://localhost:" + PORT + "/train/overview");
            String plotted = "var plot = $('#scoreiterchart').data('plot'); return plot ? plot.getData()[0].data : [];";
            wait.until(driver -> !((List<?>) ((JavascriptExecutor) driver).executeScript(plotted)).isEmpty());
            @SuppressWarnings("unchecked")
            List<List<Number>> points = (List<List<Number>>) browser.executeScript(plotted);
            int matched = 0;
            for (List<Number> point : points) {
                Double score = logged.get(point.get(0).longValue());
                if (score != null) {
                    assertEquals(score, point.get(1).doubleValue(), 1e-4 * Math.abs(score), "score at iteration " + point.get(0));
                    matched++;
                }
            }
            assertTrue(matched >= 3, "the chart must plot this run's scores: chart " + points + ", log " + logged);
            screenshot(browser, "overview");

            browser.get("http://localhost:" + PORT + "/train/model");
            String nodes = "var layers = document.getElementById('layers');"
                    + "return layers && layers._cyreg && layers._cyreg.cy ? layers._cyreg.cy.nodes().map(function (n) { return n.data('name'); }) : [];";
            wait.until(driver -> ((List<?>) ((JavascriptExecutor) driver).executeScript(nodes)).size() >= 5);
            String shown = String.join(" | ", (List<String>) browser.executeScript(nodes)).replace('\n', ' ');
            for (String layer : List.of("ActNorm (actnorm-0)", "InvertibleLinear (linear-0)", "AffineCoupling (coupling-0)",
                    "AffineCoupling (coupling-1)", "FlowLikelihoodOutput (nll)")) {
                assertTrue(shown.contains(layer), "the model graph must show " + layer + "; it shows " + shown);
            }
            screenshot(browser, "model");
        } finally {
            browser.quit();
        }
    }

    private static void screenshot(ChromeDriver browser, String page) throws Exception {
        Files.write(Path.of("target", "dashboard-" + page + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
