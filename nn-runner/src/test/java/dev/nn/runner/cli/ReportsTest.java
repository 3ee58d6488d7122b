package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.runner.report.Charts;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pictures and the page a run leaves, from real runs through the real command line: a digits
 * run (64 inputs, 10 classes) and a moons run (2-D, 2 classes, with validation).
 */
class ReportsTest {
    @TempDir
    static Path tmp;

    static Path digits;
    static Path moons;

    @BeforeAll
    static void train() throws IOException {
        digits = tmp.resolve("digits-run");
        Cli d = Cli.run(
                "train",
                TrainCommandTest.CONFIGS.resolve("digits.yaml").toString(),
                "--out",
                digits.toString(),
                "--set",
                "train.epochs=3",
                "--set",
                "data.validation=0.1");
        assertThat(d.exitCode()).as(d.err()).isZero();
        moons = tmp.resolve("moons-run");
        Cli m = Cli.run(
                "train",
                TrainCommandTest.CONFIGS.resolve("moons.yaml").toString(),
                "--out",
                moons.toString(),
                "--set",
                "train.epochs=15");
        assertThat(m.exitCode()).as(m.err()).isZero();
    }

    @Test
    void aDigitsRunDrawsItsDefaultPlotsAndTheWeightsAsImagesThatAreNotBlank() throws IOException {
        BufferedImage loss = Pngs.assertDrawn(digits.resolve("loss.png"), 600, 350);
        assertThat(Pngs.count(loss, Charts.color(0).getRGB()))
                .as("training curve pixels")
                .isPositive();
        assertThat(Pngs.count(loss, Charts.color(1).getRGB()))
                .as("validation curve pixels")
                .isPositive();
        Pngs.assertDrawn(digits.resolve("accuracy.png"), 600, 350);
        BufferedImage confusion = Pngs.assertDrawn(digits.resolve("confusion.png"), 400, 400);
        assertThat(confusion.getHeight()).isGreaterThan(46 * 10);
        BufferedImage weights = Pngs.assertDrawn(digits.resolve("weights.png"), 400, 200);
        long greys = Pngs.colours(weights).keySet().stream()
                .filter(c -> (c >> 16 & 0xFF) == (c & 0xFF) && (c >> 8 & 0xFF) == (c & 0xFF))
                .count();
        assertThat(greys).as("grey levels in the weight images").isGreaterThan(50);
        assertThat(digits.resolve("boundary.png"))
                .as("64 inputs have no boundary to draw")
                .doesNotExist();
    }

    @Test
    void aMoonsRunDrawsTheDecisionBoundaryWithBothClassesColours() throws IOException {
        BufferedImage boundary = Pngs.assertDrawn(moons.resolve("boundary.png"), 500, 500);
        for (int c = 0; c < 2; c++) {
            int colour = Charts.color(c).getRGB() & 0xFFFFFF;
            assertThat(Pngs.count(boundary, colour))
                    .as("pixels of class %d's points", c)
                    .isGreaterThan(500);
            assertThat(Pngs.count(boundary, Pngs.pale(colour)))
                    .as("pixels of class %d's region", c)
                    .isGreaterThan(20_000);
        }
        Pngs.assertDrawn(moons.resolve("confusion.png"), 300, 300);
        assertThat(moons.resolve("weights.png")).as("not asked for").doesNotExist();
    }

    @Test
    void reportHtmlShowsTheMetricsTheClassificationReportAndEveryPlotItReferences() throws IOException {
        Document page = Jsoup.parse(digits.resolve("report.html").toFile(), "UTF-8");
        Map<String, Object> metrics = TrainCommandTest.json(digits.resolve("metrics.json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> test = (Map<String, Object>) metrics.get("test");

        assertThat(page.title()).contains("digits");
        Element testRow = row(page.selectFirst("#metrics table"), "test");
        assertThat(testRow.select("td").eachText())
                .containsExactly(
                        fixed(test.get("loss"), 4),
                        fixed(test.get("accuracy"), 4),
                        fixed(test.get("macro_f1"), 4),
                        String.valueOf(test.get("examples")));
        assertThat(row(page.selectFirst("#metrics table"), "validation (epoch 3)")
                        .select("td"))
                .hasSize(4);
        assertThat(page.selectFirst("#summary").text())
                .contains(String.format(Locale.ROOT, "%.2f%%", 100 * ((Number) test.get("accuracy")).doubleValue()));

        Element report = page.selectFirst("table#classification");
        List<String> labels = report.select("tbody th").eachText();
        assertThat(labels)
                .containsExactly(
                        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "accuracy", "macro avg", "weighted avg");
        assertThat(row(report, "macro avg").select("td").eachText().get(2)).isEqualTo(fixed(test.get("macro_f1"), 3));
        assertThat(row(report, "weighted avg").select("td").eachText().get(3))
                .isEqualTo(String.valueOf(test.get("examples")));

        List<String> images = page.select("img").eachAttr("src");
        assertThat(images).containsExactly("./loss.png", "./accuracy.png", "./confusion.png", "./weights.png");
        for (String src : images) {
            Pngs.read(digits.resolve(src));
        }
        assertThat(page.select("#network tbody tr").eachText()).contains("1 dense(units=100) 100 6,500", "total 7,510");
        assertThat(page.selectFirst("#environment").text())
                .contains(String.valueOf(metrics.get("java")))
                .contains(String.valueOf(metrics.get("engine")));
        assertThat(page.selectFirst("#timings").text())
                .contains(String.format(Locale.ROOT, "%,d", ((Number) metrics.get("examples_per_second")).longValue()));
        @SuppressWarnings("unchecked")
        Map<String, Object> timings = (Map<String, Object>) metrics.get("timings");
        assertThat(page.selectFirst("#timings").text())
                .contains("start-up (process start to the first batch) "
                        + String.format(
                                Locale.ROOT, "%.3f s", ((Number) timings.get("startup_seconds")).doubleValue()));
        assertThat(page.selectFirst("#config pre").text())
                .contains("units: 100")
                .contains("plots:");
        assertSelfContained(page);
    }

    @Test
    void nnReportRedrawsTheSamePlotsAndPageFromTheRunFiles() throws IOException {
        // The same folder name elsewhere: the page names its folder.
        Path run = copy(moons, tmp.resolve("elsewhere").resolve(moons.getFileName()));
        String html = Files.readString(run.resolve("report.html"));
        BufferedImage boundary = Pngs.read(run.resolve("boundary.png"));
        BufferedImage confusion = Pngs.read(run.resolve("confusion.png"));
        for (String file : List.of("report.html", "loss.png", "accuracy.png", "confusion.png", "boundary.png")) {
            Files.delete(run.resolve(file));
        }
        String metrics = Files.readString(run.resolve("metrics.json"));

        Cli cli = Cli.run("report", run.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Report: " + run.resolve("report.html"));
        assertThat(Files.readString(run.resolve("report.html"))).isEqualTo(html);
        assertSamePixels(Pngs.read(run.resolve("boundary.png")), boundary);
        assertSamePixels(Pngs.read(run.resolve("confusion.png")), confusion);
        Pngs.assertDrawn(run.resolve("loss.png"), 600, 350);
        assertThat(Files.readString(run.resolve("metrics.json")))
                .as("the run's record is left alone")
                .isEqualTo(metrics);
    }

    @Test
    void nnCompareSetsTheRunsMetricsSideBySideAndDrawsTheirLossCurves() throws IOException {
        Path plot = tmp.resolve("compare.png");
        Cli cli = Cli.run("compare", digits.toString(), moons.toString(), "--out", plot.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<String> lines = cli.out().lines().toList();
        assertThat(lines.get(0).split(" +")).containsExactly("", "digits-run", "moons-run");
        for (String key : List.of("test accuracy", "test loss")) {
            String field = key.substring(5);
            String line = lines.stream()
                    .filter(l -> l.startsWith(key + " "))
                    .findFirst()
                    .orElseThrow();
            assertThat(line.substring(key.length()).trim().split(" +"))
                    .containsExactly(fixed(testFigure(digits, field), 4), fixed(testFigure(moons, field), 4));
        }
        assertThat(cli.out()).contains("Loss curves: " + plot);
        BufferedImage image = Pngs.assertDrawn(plot, 600, 350);
        assertThat(Pngs.count(image, Charts.color(0).getRGB()))
                .as("the first run's curves")
                .isPositive();
        assertThat(Pngs.count(image, Charts.color(1).getRGB()))
                .as("the second run's curves")
                .isPositive();
    }

    @Test
    void aMissingOrBrokenRunFolderIsOneLineAndExitCodeTwo() throws IOException {
        Cli missing = Cli.run("report", tmp.resolve("no-such-run").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("nn: " + tmp.resolve("no-such-run") + ": run folder not found\n");

        Path noModel = copy(moons, tmp.resolve("no-model"));
        Files.delete(noModel.resolve("model.zip"));
        Cli report = Cli.run("report", noModel.toString());
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("nn: " + noModel.resolve("model.zip") + ": missing;");

        Path broken = copy(moons, tmp.resolve("broken"));
        Files.writeString(broken.resolve("metrics.json"), "{\"name\": \"moons\",\n  \"epochs\": [1, \n");
        Path plot = tmp.resolve("never.png");
        Cli compare = Cli.run("compare", digits.toString(), broken.toString(), "--out", plot.toString());
        assertThat(compare.exitCode()).isEqualTo(2);
        assertThat(compare.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("nn: " + broken.resolve("metrics.json") + ":");
        assertThat(compare.out()).as("nothing printed before the error").isEmpty();
        assertThat(plot).doesNotExist();

        Files.writeString(broken.resolve("history.csv"), "epoch,loss\n1,0.5\n");
        Files.copy(
                moons.resolve("metrics.json"),
                broken.resolve("metrics.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Cli history = Cli.run("report", broken.toString());
        assertThat(history.exitCode()).isEqualTo(2);
        assertThat(history.err())
                .isEqualTo("nn: " + broken.resolve("history.csv")
                        + ":1: expected the header epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds (or,"
                        + " for regression, epoch,loss,val_loss,val_r2,val_mae,learning_rate,seconds)\n");
    }

    @Test
    void noPlotsLeavesNoPngButStillAPage() throws IOException {
        Path run = tmp.resolve("no-plots");
        Cli cli = Cli.run(
                "train",
                TrainCommandTest.CONFIGS.resolve("moons.yaml").toString(),
                "--out",
                run.toString(),
                "--set",
                "train.epochs=2",
                "--set",
                "report.plots=[]");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        try (Stream<Path> files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".png"));
        }
        Document page = Jsoup.parse(run.resolve("report.html").toFile(), "UTF-8");
        assertThat(page.select("img")).isEmpty();
        assertThat(page.selectFirst("#plots").text()).contains("No plots");
    }

    @Test
    void classNamesFromTheUsersFilesAreEscapedInThePage() throws IOException {
        Path data = tmp.resolve("tags.csv");
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(
                    i % 2 == 0
                            ? "0.1," + i / 40.0 + ",<script>alert(1)</script>\n"
                            : "0.9," + i / 40.0 + ",\"a & \"\"b\"\"\"\n");
        }
        Files.writeString(data, csv);
        Path config = tmp.resolve("tags.yaml");
        Files.writeString(config, """
                data:
                  dataset: {csv: {path: tags.csv}}
                  test: 0.5
                model:
                  layers: [{dense: {units: 2}}]
                  loss: softmax_cross_entropy
                train: {epochs: 2}
                """);
        Path run = tmp.resolve("tags-run");
        Cli cli = Cli.run("train", config.toString(), "--out", run.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();

        String html = Files.readString(run.resolve("report.html"));
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        Document page = Jsoup.parse(html);
        assertThat(page.select("script")).isEmpty();
        assertThat(page.select("table#classification tbody th").eachText())
                .startsWith("<script>alert(1)</script>", "a & \"b\"");
        assertThat(page.select("img").eachAttr("src")).contains("./boundary.png");
    }

    /** No script, no stylesheet or font to fetch, and nothing pointing at the network: it opens from the file system. */
    static void assertSelfContained(Document page) {
        assertThat(page.select("script, link, iframe, object, embed")).isEmpty();
        List<String> references = new ArrayList<>(page.select("[src]").eachAttr("src"));
        references.addAll(page.select("[href]").eachAttr("href"));
        assertThat(references)
                .isNotEmpty()
                .allSatisfy(ref -> assertThat(ref).startsWith("./").doesNotContain("//"));
        assertThat(page.select("style").html()).doesNotContain("url(").doesNotContain("@import");
    }

    private static Element row(Element table, String heading) {
        return table.select("tbody tr").stream()
                .filter(tr -> tr.selectFirst("th") != null
                        && tr.selectFirst("th").text().equals(heading))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + heading));
    }

    private static String fixed(Object number, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", ((Number) number).doubleValue());
    }

    @SuppressWarnings("unchecked")
    private static Object testFigure(Path run, String field) throws IOException {
        return ((Map<String, Object>)
                        TrainCommandTest.json(run.resolve("metrics.json")).get("test"))
                .get(field);
    }

    private static void assertSamePixels(BufferedImage actual, BufferedImage expected) {
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        int different = 0;
        for (int y = 0; y < actual.getHeight(); y++) {
            for (int x = 0; x < actual.getWidth(); x++) {
                different += actual.getRGB(x, y) == expected.getRGB(x, y) ? 0 : 1;
            }
        }
        assertThat(different).as("pixels that differ").isZero();
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
