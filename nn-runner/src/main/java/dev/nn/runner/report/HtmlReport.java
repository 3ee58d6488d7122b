package dev.nn.runner.report;

import dev.nn.api.Layer;
import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.eval.Evaluation;
import dev.nn.core.eval.RegressionEvaluation;
import dev.nn.runner.config.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * report.html: the run at a glance, in one page that opens from the file system with no network.
 * Styles are inline; the plots are the PNG files beside it, referenced by relative paths (the
 * configured plots first, then any other PNG a plugin's writer left in the folder). Every text
 * that comes from the user's files is HTML-escaped.
 *
 * <p>The figures (metrics, timings, environment) are those of metrics.json, so a report that
 * {@code nn report} redraws later shows the run as it was, not the machine it is redrawn on.
 */
public final class HtmlReport implements ReportWriter {

    @Override
    public void write(RunResult r) throws IOException {
        RunFiles.writeString(r.runDir().resolve("report.html"), render(r));
    }

    @Override
    public boolean regenerable() {
        return true;
    }

    static String render(RunResult r) throws IOException {
        Path dir = r.runDir();
        Map<String, Object> m = Files.isRegularFile(dir.resolve("metrics.json"))
                ? JsonReader.readObject(dir.resolve("metrics.json"))
                : StandardReports.Metrics.metrics(r);
        Page page = new Page();
        String name = String.valueOf(m.getOrDefault("name", r.config().name()));
        page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .raw("<title>")
                .text(name)
                .raw(" \u2013 nn run report</title>\n<style>\n")
                .raw(STYLE)
                .raw("</style>\n</head>\n<body>\n");
        page.raw("<header>\n<h1>")
                .text(name)
                .raw("</h1>\n<p class=\"sub\">run folder <code>")
                .text(String.valueOf(dir.getFileName()))
                .raw("</code> \u00b7 seed ")
                .text(String.valueOf(m.get("seed")))
                .raw(" \u00b7 nn ")
                .text(String.valueOf(m.get("nn_version")))
                .raw("</p>\n</header>\n<main>\n");
        cards(page, m);
        metrics(page, m);
        if (r.isRegression()) {
            regressionReport(page, r.regression());
        } else {
            classificationReport(page, r.test());
        }
        plots(page, r);
        network(page, r.network(), r.split());
        timings(page, m);
        page.raw(
                "<section id=\"config\">\n<h2>Configuration</h2>\n<p class=\"note\">The resolved config (defaults filled in),"
                        + " as in <code>config.yaml</code>; rerun it with <code>nn train config.yaml</code>.</p>\n<pre>");
        Path configFile = dir.resolve("config.yaml");
        page.text(
                Files.isRegularFile(configFile)
                        ? Files.readString(configFile)
                        : r.config().resolvedYaml());
        page.raw("</pre>\n</section>\n</main>\n<footer>Written by nn from the files of this folder; redraw it with"
                        + " <code>nn report ")
                .text(String.valueOf(dir.getFileName()))
                .raw("</code>.</footer>\n</body>\n</html>\n");
        return page.toString();
    }

    private static void cards(Page page, Map<String, Object> m) {
        Map<String, String> cards = new LinkedHashMap<>();
        Map<String, Object> test = section(m, "test");
        if (test.get("accuracy") instanceof Number a) {
            cards.put("test accuracy", percent(a));
        }
        if (test.get("r2") instanceof Number r2) {
            cards.put("test R\u00b2", fixed(r2, 4));
        }
        if (test.get("mae") instanceof Number mae) {
            cards.put("test MAE", significant(mae));
        }
        if (test.get("macro_f1") instanceof Number f) {
            cards.put("test macro F1", fixed(f, 4));
        }
        if (test.get("loss") instanceof Number l) {
            cards.put("test loss", fixed(l, 4));
        } else if (section(m, "train").get("loss") instanceof Number l) {
            cards.put("training loss", fixed(l, 4));
        }
        cards.put("epochs", String.valueOf(m.get("epochs")));
        cards.put("training time", m.get("train_seconds") instanceof Number s ? fixed(s, 2) + " s" : "\u2013");
        cards.put(
                "examples/s",
                m.get("examples_per_second") instanceof Number n
                        ? String.format(Locale.ROOT, "%,d", n.longValue())
                        : "\u2013");
        page.raw("<section class=\"cards\" id=\"summary\">\n");
        cards.forEach((label, value) -> page.raw("<div class=\"card\"><div class=\"value\">")
                .text(value)
                .raw("</div><div class=\"label\">")
                .text(label)
                .raw("</div></div>\n"));
        page.raw("</section>\n");
    }

    private static void metrics(Page page, Map<String, Object> m) {
        boolean regression = "regression".equals(m.get("task"));
        List<String> keys = regression
                ? List.of("loss", "r2", "mae", "examples")
                : List.of("loss", "accuracy", "macro_f1", "examples");
        page.raw("<section id=\"metrics\">\n<h2>Final metrics</h2>\n<table class=\"data\">\n<thead><tr><th>part</th>");
        for (String key : keys) {
            page.raw("<th class=\"num\">").text(HEADINGS.get(key)).raw("</th>");
        }
        page.raw("</tr></thead>\n<tbody>\n");
        String best = m.get("best_epoch") == null ? "" : " (epoch " + m.get("best_epoch") + ")";
        metricRow(page, "training" + best, section(m, "train"), keys);
        metricRow(page, "validation" + best, section(m, "validation"), keys);
        metricRow(page, "test", section(m, "test"), keys);
        page.raw("</tbody>\n</table>\n");
        if (regression) {
            page.raw("<p class=\"note\">R\u00b2 and MAE in the targets' units, averaged over the outputs;"
                    + " the training part's are not measured.</p>\n");
        }
        page.raw("</section>\n");
    }

    /** The column headings of the final metrics. */
    private static final Map<String, String> HEADINGS = Map.of(
            "loss",
            "loss",
            "accuracy",
            "accuracy",
            "macro_f1",
            "macro F1",
            "r2",
            "R\u00b2",
            "mae",
            "MAE",
            "examples",
            "examples");

    private static void metricRow(Page page, String part, Map<String, Object> figures, List<String> keys) {
        if (figures.isEmpty()) {
            return;
        }
        page.raw("<tr><th scope=\"row\">").text(part).raw("</th>");
        for (String key : keys) {
            Object v = figures.get(key);
            String shown = !(v instanceof Number n)
                    ? "\u2013"
                    : key.equals("examples")
                            ? String.valueOf(n.longValue())
                            : key.equals("mae") ? significant(n) : fixed(n, 4);
            page.raw("<td class=\"num\">").text(shown).raw("</td>");
        }
        page.raw("</tr>\n");
    }

    private static void regressionReport(Page page, RegressionEvaluation e) {
        page.raw("<section id=\"regression-report\">\n<h2>Regression report</h2>\n");
        if (e == null) {
            page.raw("<p class=\"note\">No regression report: the run has no test set.</p>\n</section>\n");
            return;
        }
        page.raw("<p class=\"note\">On the test set (")
                .text(String.valueOf(e.size()))
                .raw(
                        " examples), per output and averaged uniformly over the outputs; the same figures as"
                                + " scikit-learn's <code>r2_score</code>, <code>mean_absolute_error</code>,"
                                + " <code>mean_squared_error</code> (and its root) and <code>explained_variance_score</code>.</p>\n");
        page.raw("<table class=\"data\" id=\"regression\">\n<thead><tr><th>output</th><th class=\"num\">R\u00b2</th>"
                + "<th class=\"num\">MAE</th><th class=\"num\">MSE</th><th class=\"num\">RMSE</th>"
                + "<th class=\"num\">explained variance</th></tr></thead>\n<tbody>\n");
        for (int j = 0; j < e.outputs(); j++) {
            regressionRow(
                    page, e.outputNames().get(j), e.r2(j), e.mae(j), e.mse(j), e.rmse(j), e.explainedVariance(j), "");
        }
        if (e.outputs() > 1) {
            regressionRow(page, "average", e.r2(), e.mae(), e.mse(), e.rmse(), e.explainedVariance(), "total");
        }
        page.raw("</tbody>\n</table>\n</section>\n");
    }

    private static void regressionRow(
            Page page, String label, double r2, double mae, double mse, double rmse, double ev, String css) {
        page.raw(css.isEmpty() ? "<tr>" : "<tr class=\"" + css + "\">")
                .raw("<th scope=\"row\">")
                .text(label)
                .raw("</th>");
        page.raw("<td class=\"num\">").text(fixed(r2, 4)).raw("</td>");
        for (double v : new double[] {mae, mse, rmse}) {
            page.raw("<td class=\"num\">").text(significant(v)).raw("</td>");
        }
        page.raw("<td class=\"num\">").text(fixed(ev, 4)).raw("</td></tr>\n");
    }

    private static void classificationReport(Page page, Evaluation e) {
        page.raw("<section id=\"classification-report\">\n<h2>Classification report</h2>\n");
        if (e == null) {
            page.raw(
                    "<p class=\"note\">No classification report: the run has no test set of class labels.</p>\n</section>\n");
            return;
        }
        page.raw("<p class=\"note\">On the test set (")
                .text(String.valueOf(e.size()))
                .raw(" examples); the same figures as scikit-learn's <code>classification_report</code>.</p>\n");
        page.raw(
                "<table class=\"data\" id=\"classification\">\n<thead><tr><th>class</th><th class=\"num\">precision</th>"
                        + "<th class=\"num\">recall</th><th class=\"num\">f1-score</th><th class=\"num\">support</th></tr></thead>\n<tbody>\n");
        List<String> names = e.classNames();
        for (int k = 0; k < names.size(); k++) {
            reportRow(page, names.get(k), e.precision(k), e.recall(k), e.f1(k), e.support(k), "");
        }
        page.raw("<tr class=\"total\"><th scope=\"row\">accuracy</th><td></td><td></td><td class=\"num\">")
                .text(fixed(e.accuracy(), 3))
                .raw("</td><td class=\"num\">")
                .text(String.valueOf(e.size()))
                .raw("</td></tr>\n");
        reportRow(page, "macro avg", e.macroPrecision(), e.macroRecall(), e.macroF1(), e.size(), "total");
        reportRow(page, "weighted avg", e.weightedPrecision(), e.weightedRecall(), e.weightedF1(), e.size(), "total");
        page.raw("</tbody>\n</table>\n</section>\n");
    }

    private static void reportRow(Page page, String label, double p, double r, double f, int support, String css) {
        page.raw(css.isEmpty() ? "<tr>" : "<tr class=\"" + css + "\">")
                .raw("<th scope=\"row\">")
                .text(label)
                .raw("</th>");
        for (double v : new double[] {p, r, f}) {
            page.raw("<td class=\"num\">").text(fixed(v, 3)).raw("</td>");
        }
        page.raw("<td class=\"num\">").text(String.valueOf(support)).raw("</td></tr>\n");
    }

    private static void plots(Page page, RunResult r) throws IOException {
        Map<String, String> shown = new LinkedHashMap<>();
        for (String plot : PlotReports.resolve(r.config().report(), r.split(), r.network())) {
            if (Files.isRegularFile(r.runDir().resolve(plot + ".png"))) {
                shown.put(plot + ".png", PlotReports.caption(plot, r));
            }
        }
        try (Stream<Path> files = Files.list(r.runDir())) {
            for (Path png : files.filter(p -> p.getFileName().toString().endsWith(".png"))
                    .sorted()
                    .toList()) {
                shown.putIfAbsent(
                        png.getFileName().toString(), png.getFileName().toString());
            }
        }
        page.raw("<section id=\"plots\">\n<h2>Plots</h2>\n");
        if (shown.isEmpty()) {
            page.raw("<p class=\"note\">No plots: <code>report.plots</code> is empty.</p>\n");
        } else {
            page.raw("<div class=\"grid\">\n");
            // "./" keeps a file name such as "javascript:x.png" a relative path, never a URL scheme.
            shown.forEach((file, caption) -> page.raw("<figure><a href=\"./")
                    .text(file)
                    .raw("\"><img src=\"./")
                    .text(file)
                    .raw("\" alt=\"")
                    .text(caption)
                    .raw("\" loading=\"lazy\"></a><figcaption>")
                    .text(caption)
                    .raw("</figcaption></figure>\n"));
            page.raw("</div>\n");
        }
        page.raw("</section>\n");
    }

    private static void network(Page page, Network net, Split data) {
        page.raw(
                "<section id=\"network\">\n<h2>Network</h2>\n<table class=\"data\">\n<thead><tr><th class=\"num\">#</th>"
                        + "<th>layer</th><th class=\"num\">output</th><th class=\"num\">parameters</th></tr></thead>\n<tbody>\n");
        page.raw("<tr><td class=\"num\"></td><td>input</td><td class=\"num\">")
                .text(String.valueOf(net.inputSize()))
                .raw("</td><td class=\"num\"></td></tr>\n");
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            long count = layers.get(i).parameters().stream()
                    .mapToLong(p -> p.value().size())
                    .sum();
            page.raw("<tr><td class=\"num\">")
                    .text(String.valueOf(i + 1))
                    .raw("</td><td><code>")
                    .text(net.layerLabels().get(i))
                    .raw("</code></td><td class=\"num\">")
                    .text(String.valueOf(layers.get(i).outputSize()))
                    .raw("</td><td class=\"num\">")
                    .text(String.format(Locale.ROOT, "%,d", count))
                    .raw("</td></tr>\n");
        }
        page.raw("<tr class=\"total\"><td></td><th scope=\"row\">total</th><td></td><td class=\"num\">")
                .text(String.format(Locale.ROOT, "%,d", net.parameterCount()))
                .raw("</td></tr>\n</tbody>\n</table>\n");
        page.raw("<p class=\"note\">Loss: <code>").text(net.lossSpec().name()).raw("</code></p>\n");
        for (String line : Inputs.lines(data)) {
            page.raw("<p class=\"note\">").text(line).raw("</p>\n");
        }
        page.raw("</section>\n");
    }

    private static void timings(Page page, Map<String, Object> m) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"epochs run", String.valueOf(m.get("epochs"))});
        rows.add(new String[] {"weights kept from epoch", String.valueOf(m.get("best_epoch"))});
        rows.add(new String[] {"stopped early", Boolean.TRUE.equals(m.get("stopped_early")) ? "yes" : "no"});
        // Only what was known when the page was first written: its own writing, and so the
        // report's and the whole run's seconds, are in metrics.json alone, and a redrawn page is
        // the same page.
        Map<?, ?> t = m.get("timings") instanceof Map<?, ?> map ? map : Map.of();
        if (t.get(RunTimings.STARTUP) instanceof Number s) {
            rows.add(new String[] {"start-up (process start to the first batch)", fixed(s, 3) + " s"});
        }
        rows.add(new String[] {
            "training wall time", m.get("train_seconds") instanceof Number s ? fixed(s, 3) + " s" : "\u2013"
        });
        rows.add(new String[] {
            "examples per second",
            m.get("examples_per_second") instanceof Number n
                    ? String.format(Locale.ROOT, "%,d", n.longValue())
                    : "\u2013"
        });
        page.raw("<div class=\"pair\">\n<section id=\"timings\">\n<h2>Timings</h2>\n");
        keyValues(page, rows);
        page.raw("</section>\n<section id=\"environment\">\n<h2>Environment</h2>\n");
        keyValues(
                page,
                List.of(
                        new String[] {"Java", String.valueOf(m.get("java"))},
                        new String[] {"engine", String.valueOf(m.get("engine"))},
                        new String[] {"threads", String.valueOf(m.get("threads"))},
                        new String[] {
                            "parameters",
                            m.get("parameters") instanceof Number n
                                    ? String.format(Locale.ROOT, "%,d", n.longValue())
                                    : "\u2013"
                        },
                        new String[] {"nn", String.valueOf(m.get("nn_version"))}));
        page.raw("</section>\n</div>\n");
    }

    private static void keyValues(Page page, List<String[]> rows) {
        page.raw("<table class=\"data kv\">\n<tbody>\n");
        for (String[] row : rows) {
            page.raw("<tr><th scope=\"row\">")
                    .text(row[0])
                    .raw("</th><td class=\"num\">")
                    .text(row[1])
                    .raw("</td></tr>\n");
        }
        page.raw("</tbody>\n</table>\n");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> m, String key) {
        return m.get(key) instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of();
    }

    private static String fixed(Number v, int digits) {
        return Double.isFinite(v.doubleValue())
                ? String.format(Locale.ROOT, "%." + digits + "f", v.doubleValue())
                : "\u2013";
    }

    /** Four significant digits, for errors in the targets' own units (0.0123, 45.67, 12,345). */
    private static String significant(Number v) {
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            return "\u2013";
        }
        if (d != 0 && Math.abs(d) >= 10_000) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        return new java.math.BigDecimal(d)
                .round(new java.math.MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String percent(Number v) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * v.doubleValue());
    }

    /** An HTML page being written: markup as given, everything else escaped. */
    private static final class Page {
        private final StringBuilder html = new StringBuilder(16_384);

        Page raw(String markup) {
            html.append(markup);
            return this;
        }

        Page text(String text) {
            html.append(escape(text));
            return this;
        }

        @Override
        public String toString() {
            return html.toString();
        }
    }

    /** {@code text} safe in HTML text and in double- or single-quoted attributes. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String STYLE = """
            :root { --ink: #222; --muted: #666; --line: #e3e3e3; --head: #f4f6f8; --accent: #4e79a7; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--ink); background: #fafafa;
                   font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
            header { background: #fff; border-bottom: 1px solid var(--line); padding: 20px 32px 12px; }
            h1 { margin: 0 0 4px; font-size: 26px; }
            h2 { font-size: 18px; margin: 0 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent);
                 display: inline-block; }
            .sub, .note { color: var(--muted); margin: 0 0 10px; font-size: 14px; }
            main { max-width: 1280px; margin: 0 auto; padding: 16px 32px 32px; }
            section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
            code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
            pre { background: var(--head); border-radius: 6px; padding: 12px 14px; overflow-x: auto; margin: 0; }
            .cards { display: flex; flex-wrap: wrap; gap: 12px; background: none; border: none; padding: 0; }
            .card { flex: 1 1 150px; background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--accent);
                    border-radius: 8px; padding: 10px 14px; }
            .card .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
            .card .label { color: var(--muted); font-size: 13px; }
            table.data { border-collapse: collapse; min-width: 360px; font-variant-numeric: tabular-nums; }
            table.data th, table.data td { padding: 5px 14px; border-bottom: 1px solid var(--line); text-align: left; }
            table.data thead th { background: var(--head); font-weight: 600; border-bottom: 2px solid #ccd; }
            table.data tbody tr:nth-child(even) { background: #fbfbfc; }
            table.data tbody th { font-weight: 500; }
            table.data .num { text-align: right; }
            table.data tr.total th, table.data tr.total td { border-top: 2px solid #ccd; font-weight: 600; }
            table.kv { min-width: 300px; }
            .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; }
            .pair section { margin: 0; }
            .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 16px; }
            figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; background: #fff; }
            figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
            figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; text-align: center; }
            footer { color: var(--muted); font-size: 13px; text-align: center; padding: 0 0 24px; }
            """;
}
