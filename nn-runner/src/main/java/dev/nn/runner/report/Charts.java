package dev.nn.runner.report;

import dev.nn.api.Dataset;
import dev.nn.api.Layer;
import dev.nn.api.Matrix;
import dev.nn.api.Parameter;
import dev.nn.core.Network;
import dev.nn.core.eval.Evaluation;
import dev.nn.core.eval.RegressionEvaluation;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the pictures of a run as images: learning curves, the confusion matrix, the decision
 * boundary of a 2-D classifier, the first layer's weights, and a regression's predictions against
 * the actual values and its residuals. Everything here works on a machine
 * without a display: it switches AWT to headless mode before anything is drawn.
 */
public final class Charts {
    static {
        // Before the first AWT class decides: CI machines and servers have no display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Tableau's ten colours: distinct for people with the common colour-vision deficiencies, and print well. */
    private static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
        new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC)
    };

    private static final Color INK = new Color(0x333333);
    private static final Color GRID = new Color(0xE6E6E6);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** Multiply-adds the boundary's grid of predictions may cost (about a second on one core). */
    private static final double BOUNDARY_BUDGET = 2e9;
    /** The coarsest grid the boundary is drawn on, however big the network. */
    private static final int BOUNDARY_MIN_RESOLUTION = 100;
    /** At most this many points drawn on the boundary, so a huge dataset stays a readable picture. */
    private static final int BOUNDARY_POINTS = 4000;
    /** At most this many outputs get a chart in the regression pictures. */
    public static final int REGRESSION_CHARTS = 12;
    /** At most this many points in a predicted-against-actual chart. */
    private static final int REGRESSION_POINTS = 5000;

    private static final int REGRESSION_WIDTH = 540;
    private static final int REGRESSION_HEIGHT = 480;
    /** At most this many units in the weights picture. */
    public static final int WEIGHT_UNITS = 32;

    private Charts() {}

    /**
     * {@return the colour of class (or series) {@code i}}
     *
     * @param i the class or series index
     */
    public static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /**
     * One line of a learning-curve chart; NaN values (a figure an epoch does not have) are left out.
     *
     * @param dashed drawn dashed (validation figures, by convention)
     */
    public record Curve(String name, double[] epochs, double[] values, Color color, boolean dashed) {}

    /**
     * Lines over epochs, such as training and validation loss; curves with no finite value are left out.
     *
     * @param logWhenWide draw the y axis on a log scale when every value is positive and they span
     *                    more than two decades (a loss that falls from 1 to 0.001 is a flat line
     *                    on a linear axis)
     * @param keptEpoch   the epoch whose weights the run kept, marked with a vertical line when it is
     *                    not the last (early stopping restored it); 0 for none
     * @param title  the chart's title
     * @param yTitle the y axis's title
     * @param curves the lines
     * @return the chart
     */
    public static BufferedImage curves(
            String title, String yTitle, List<Curve> curves, boolean logWhenWide, int keptEpoch) {
        XYChart chart = new XYChart(760, 460);
        chart.setTitle(title);
        chart.setXAxisTitle("epoch");
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (Curve curve : curves) {
            for (double v : curve.values()) {
                if (Double.isFinite(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        boolean log = logWhenWide && low > 0 && high / low > 100;
        chart.setYAxisTitle(log ? yTitle + ", log scale" : yTitle);
        AxesChartStyler styler = chart.getStyler();
        style(styler);
        // Below the plot, where it can never hide a curve.
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setxAxisTickLabelsFormattingFunction(x -> x == Math.rint(x) ? String.valueOf(Math.round(x)) : "");
        styler.setYAxisDecimalPattern(log ? "0.#####" : "0.0###");
        styler.setYAxisLogarithmic(log);
        int longest = 0;
        for (Curve curve : curves) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < curve.values().length; i++) {
                if (Double.isFinite(curve.values()[i])) {
                    xs.add(curve.epochs()[i]);
                    ys.add(curve.values()[i]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            longest = Math.max(longest, xs.size());
            XYSeries series = chart.addSeries(curve.name(), xs, ys);
            series.setLineColor(curve.color());
            series.setMarkerColor(curve.color());
            series.setLineStyle(curve.dashed() ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
            series.setMarker(xs.size() <= 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        if (longest == 0) {
            return message(760, 440, title, "nothing to draw: no epoch has this figure");
        }
        if (keptEpoch > 0 && keptEpoch < longest) {
            chart.addAnnotation(new AnnotationLine(keptEpoch, true, false));
            styler.setAnnotationLineColor(new Color(0x999999));
            styler.setAnnotationLineStroke(
                    new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {2, 3}, 0));
            chart.setXAxisTitle("epoch (dotted line: the weights kept, from epoch " + keptEpoch + ")");
        }
        if (longest <= 1) {
            // XChart cannot scale an axis over one value; give the single epoch some room.
            styler.setXAxisMin(0.0);
            styler.setXAxisMax(2.0);
        }
        return render(chart);
    }

    /**
     * {@return a heat map of actual against predicted classes, with each cell's count written in it}
     *
     * @param eval the test set's evaluation
     */
    public static BufferedImage confusion(Evaluation eval) {
        List<String> names = eval.classNames();
        int k = names.size();
        int[][] counts = eval.confusionMatrix();
        int side = Math.max(400, 46 * k + 120);
        // The theme must be named: HeatMapChart(width, height) leaves its styler without fonts or colours.
        HeatMapChart chart = new HeatMapChart(side + 60, side + 40, Styler.ChartTheme.XChart);
        chart.setTitle(String.format(Locale.ROOT, "Confusion matrix (test set, %d examples)", eval.size()));
        chart.setXAxisTitle("predicted");
        chart.setYAxisTitle("actual");
        var styler = chart.getStyler();
        style(styler);
        styler.setPlotContentSize(1.0);
        styler.setShowValue(true);
        styler.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, k > 12 ? 10 : 13));
        styler.setValueFontColor(Color.BLACK);
        styler.setHeatMapValueDecimalPattern("0");
        styler.setRangeColors(squareRootRamp(Color.WHITE, new Color(0x5B8DC4), 40));
        styler.setLegendVisible(false); // the counts are written in the cells
        styler.setPlotGridLinesVisible(false);
        styler.setXAxisLabelRotation(k > 6 && names.stream().anyMatch(n -> n.length() > 3) ? 45 : 0);
        List<String> actual = new ArrayList<>(names);
        java.util.Collections.reverse(actual); // the first class on top, as the matrix is read
        List<Number[]> cells = new ArrayList<>();
        int max = 0;
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - a, counts[a][p]});
                max = Math.max(max, counts[a][p]);
            }
        }
        chart.addSeries("count", names, actual, cells).setMin(0).setMax(Math.max(1, max));
        return render(chart);
    }

    /**
     * Predicted against actual values of the test part, one chart per output (the first
     * {@link #REGRESSION_CHARTS} of them), with the diagonal y = x on which a perfect prediction lies.
     *
     * @param eval the test set's regression evaluation
     * @return the charts, side by side
     */
    public static BufferedImage predicted(RegressionEvaluation eval) {
        Matrix actual = eval.actual();
        Matrix predicted = eval.predicted();
        List<BufferedImage> charts = new ArrayList<>();
        for (int j = 0; j < Math.min(eval.outputs(), REGRESSION_CHARTS); j++) {
            String name = eval.outputNames().get(j);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            double low = Double.MAX_VALUE;
            double high = -Double.MAX_VALUE;
            int stride = Math.max(1, eval.size() / REGRESSION_POINTS);
            for (int i = 0; i < eval.size(); i++) {
                double a = actual.get(i, j);
                double p = predicted.get(i, j);
                if (!Double.isFinite(a) || !Double.isFinite(p)) {
                    continue;
                }
                low = Math.min(low, Math.min(a, p));
                high = Math.max(high, Math.max(a, p));
                if (i % stride == 0) {
                    xs.add(a);
                    ys.add(p);
                }
            }
            String title = String.format(Locale.ROOT, "%s (R\u00b2 %.3f)", name, eval.r2(j));
            if (xs.isEmpty()) {
                charts.add(message(REGRESSION_WIDTH, REGRESSION_HEIGHT, title, "no finite predictions to draw"));
                continue;
            }
            double pad = Math.max(1e-6, 0.04 * (high - low));
            XYChart chart = new XYChart(REGRESSION_WIDTH, REGRESSION_HEIGHT);
            chart.setTitle(title);
            chart.setXAxisTitle("actual");
            chart.setYAxisTitle("predicted");
            XYStyler styler = chart.getStyler();
            style(styler);
            styler.setLegendPosition(Styler.LegendPosition.OutsideS);
            styler.setLegendLayout(Styler.LegendLayout.Horizontal);
            styler.setXAxisMin(low - pad)
                    .setXAxisMax(high + pad)
                    .setYAxisMin(low - pad)
                    .setYAxisMax(high + pad);
            styler.setXAxisDecimalPattern(decimals(high - low));
            styler.setYAxisDecimalPattern(decimals(high - low));
            styler.setMarkerSize(5);
            XYSeries diagonal = chart.addSeries(
                    "predicted = actual", new double[] {low - pad, high + pad}, new double[] {low - pad, high + pad});
            diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            diagonal.setLineColor(new Color(0x999999));
            diagonal.setLineStyle(SeriesLines.DASH_DASH);
            diagonal.setMarker(SeriesMarkers.NONE);
            XYSeries points = chart.addSeries("test examples", xs, ys);
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.CIRCLE);
            points.setMarkerColor(new Color(0x4E, 0x79, 0xA7, 170));
            charts.add(render(chart));
        }
        return grid(charts);
    }

    /**
     * A histogram of the residuals, predicted minus actual, of the test part, one per output (the
     * first {@link #REGRESSION_CHARTS} of them), with a line at 0: a good model's are narrow and
     * centred there.
     *
     * @param eval the test set's regression evaluation
     * @return the histograms, side by side
     */
    public static BufferedImage residuals(RegressionEvaluation eval) {
        Matrix actual = eval.actual();
        Matrix predicted = eval.predicted();
        List<BufferedImage> charts = new ArrayList<>();
        for (int j = 0; j < Math.min(eval.outputs(), REGRESSION_CHARTS); j++) {
            String name = eval.outputNames().get(j);
            double[] residuals = new double[eval.size()];
            int n = 0;
            double low = Double.MAX_VALUE;
            double high = -Double.MAX_VALUE;
            for (int i = 0; i < eval.size(); i++) {
                double r = (double) predicted.get(i, j) - actual.get(i, j);
                if (Double.isFinite(r)) {
                    residuals[n++] = r;
                    low = Math.min(low, r);
                    high = Math.max(high, r);
                }
            }
            String title = String.format(Locale.ROOT, "%s (MAE %s)", name, significant(eval.mae(j)));
            if (n == 0) {
                charts.add(message(REGRESSION_WIDTH, REGRESSION_HEIGHT, title, "no finite residuals to draw"));
                continue;
            }
            // Symmetric about 0, so the zero line sits in the middle and a bias shows as a lopsided histogram.
            double reach = Math.max(Math.max(Math.abs(low), Math.abs(high)), 1e-9);
            int bins = Math.max(5, Math.min(40, (int) Math.ceil(Math.sqrt(n))));
            double width = 2 * reach / bins;
            int[] counts = new int[bins];
            for (int i = 0; i < n; i++) {
                counts[Math.min(bins - 1, (int) ((residuals[i] + reach) / width))]++;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            int most = 0;
            xs.add(-reach);
            ys.add(0.0);
            for (int b = 0; b < bins; b++) {
                xs.add(-reach + b * width);
                ys.add((double) counts[b]);
                xs.add(-reach + (b + 1) * width);
                ys.add((double) counts[b]);
                most = Math.max(most, counts[b]);
            }
            xs.add(reach);
            ys.add(0.0);
            XYChart chart = new XYChart(REGRESSION_WIDTH, REGRESSION_HEIGHT);
            chart.setTitle(title);
            chart.setXAxisTitle("predicted \u2212 actual");
            chart.setYAxisTitle("test examples");
            XYStyler styler = chart.getStyler();
            style(styler);
            styler.setLegendVisible(false);
            styler.setXAxisMin(-reach).setXAxisMax(reach).setYAxisMin(0.0).setYAxisMax(most * 1.08 + 0.5);
            styler.setXAxisDecimalPattern(decimals(2 * reach));
            styler.setYAxisDecimalPattern("0");
            XYSeries bars = chart.addSeries("residuals", xs, ys);
            bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            bars.setFillColor(new Color(0x4E, 0x79, 0xA7, 190));
            bars.setLineColor(color(0));
            bars.setMarker(SeriesMarkers.NONE);
            chart.addAnnotation(new AnnotationLine(0, true, false));
            styler.setAnnotationLineColor(INK);
            styler.setAnnotationLineStroke(new BasicStroke(1.2f));
            charts.add(render(chart));
        }
        return grid(charts);
    }

    /** A decimal pattern that shows a range of {@code span} with about three significant digits. */
    private static String decimals(double span) {
        int digits = span <= 0 || !Double.isFinite(span)
                ? 2
                : Math.max(0, Math.min(6, 2 - (int) Math.floor(Math.log10(span))));
        return digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits);
    }

    private static String significant(double v) {
        return Double.isFinite(v)
                ? new java.math.BigDecimal(v)
                        .round(new java.math.MathContext(4))
                        .stripTrailingZeros()
                        .toPlainString()
                : "\u2013";
    }

    /** Charts of one size side by side, at most three to a row. */
    private static BufferedImage grid(List<BufferedImage> charts) {
        if (charts.size() == 1) {
            return charts.get(0);
        }
        int columns = Math.min(3, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage image =
                new BufferedImage(columns * REGRESSION_WIDTH, rows * REGRESSION_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            g.drawImage(charts.get(i), (i % columns) * REGRESSION_WIDTH, (i / columns) * REGRESSION_HEIGHT, null);
        }
        g.dispose();
        return image;
    }

    /**
     * {@code steps} colours from {@code low} to {@code high}, spaced so that a heat map, which blends
     * linearly between equally spaced colours, shades a value by the square root of its share of
     * the maximum: one mistake beside a diagonal of 36 shows, where a linear ramp left it white.
     */
    static Color[] squareRootRamp(Color low, Color high, int steps) {
        Color[] ramp = new Color[steps];
        for (int i = 0; i < steps; i++) {
            double t = Math.sqrt(i / (double) (steps - 1));
            ramp[i] = new Color(
                    mix(low.getRed(), high.getRed(), t),
                    mix(low.getGreen(), high.getGreen(), t),
                    mix(low.getBlue(), high.getBlue(), t));
        }
        return ramp;
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }

    /**
     * The class a 2-D classifier predicts over a grid covering the data, as pale regions, with the
     * examples drawn on top in their true class's colour, like the origin program's
     * {@code plot_decision_boundary}. Coordinates are the network's inputs (after preprocessing).
     *
     * @param parts the examples to draw (training, validation, test; nulls are skipped)
     * @param net        the classifier
     * @param classNames the class names, for the legend
     * @param axisNote   said under the axes (such as the preprocessing)
     * @return the chart
     */
    public static BufferedImage boundary(Network net, List<Dataset> parts, List<String> classNames, String axisNote) {
        List<Dataset> data =
                parts.stream().filter(d -> d != null && d.size() > 0).toList();
        double[] box = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (Dataset d : data) {
            Matrix x = d.features();
            for (int r = 0; r < x.rows(); r++) {
                box[0] = Math.min(box[0], x.get(r, 0));
                box[1] = Math.max(box[1], x.get(r, 0));
                box[2] = Math.min(box[2], x.get(r, 1));
                box[3] = Math.max(box[3], x.get(r, 1));
            }
        }
        double padX = Math.max(1e-3, 0.08 * (box[1] - box[0]));
        double padY = Math.max(1e-3, 0.08 * (box[3] - box[2]));
        double x0 = box[0] - padX;
        double x1 = box[1] + padX;
        double y0 = box[2] - padY;
        double y1 = box[3] + padY;

        XYChart chart = new XYChart(680, 600);
        chart.setTitle("Decision boundary");
        chart.setXAxisTitle("x1" + axisNote);
        chart.setYAxisTitle("x2" + axisNote);
        XYStyler styler = chart.getStyler();
        style(styler);
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        styler.setPlotContentSize(1.0);
        styler.setXAxisMin(x0).setXAxisMax(x1).setYAxisMin(y0).setYAxisMax(y1);
        styler.setMarkerSize(6);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        // The regions are painted underneath, so the chart itself must be see-through.
        styler.setChartBackgroundColor(new Color(0, 0, 0, 0));
        styler.setPlotBackgroundColor(new Color(0, 0, 0, 0));
        styler.setPlotGridLinesVisible(false);
        int shown = 0;
        for (int c = 0; c < classNames.size(); c++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            int budget = BOUNDARY_POINTS / Math.max(1, classNames.size());
            for (Dataset d : data) {
                for (int r = 0; r < d.size() && xs.size() < budget; r++) {
                    if (d.labels()[r] == c) {
                        xs.add((double) d.features().get(r, 0));
                        ys.add((double) d.features().get(r, 1));
                    }
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(classNames.get(c), xs, ys);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(color(c));
            shown++;
        }
        if (shown == 0) {
            return message(680, 600, "Decision boundary", "no examples to draw");
        }

        // First pass: lay the chart out to learn where the data range lands in pixels.
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        int left = (int) Math.round(chart.getScreenXFromChart(x0));
        int right = (int) Math.round(chart.getScreenXFromChart(x1));
        int top = (int) Math.round(chart.getScreenYFromChart(y1));
        int bottom = (int) Math.round(chart.getScreenYFromChart(y0));
        int width = Math.max(1, right - left);
        int height = Math.max(1, bottom - top);

        // One prediction per pixel for a small network; coarser cells when a big one would take long.
        long perCell = Math.max(1, net.parameterCount());
        int affordable = (int) Math.max(BOUNDARY_MIN_RESOLUTION, Math.sqrt(BOUNDARY_BUDGET / (double) perCell));
        int nx = Math.min(affordable, width);
        int ny = Math.min(affordable, height);
        float[] grid = new float[nx * ny * 2];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int at = 2 * (j * nx + i);
                grid[at] = (float) (x0 + (i + 0.5) * (x1 - x0) / nx);
                grid[at + 1] = (float) (y1 - (j + 0.5) * (y1 - y0) / ny);
            }
        }
        int[] predicted = net.predictClasses(Matrix.wrap(nx * ny, 2, grid));
        BufferedImage regions = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                regions.setRGB(i, j, pale(color(predicted[j * nx + i])).getRGB());
            }
        }

        // Second pass: white page, the regions under the plot area, then the chart on top.
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(regions, left, top, width, height, null);
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
        return image;
    }

    /**
     * The weights from the inputs to each of the first {@link #WEIGHT_UNITS} units as small
     * {@code side x side} images: white for positive, black for negative, grey for zero, each unit
     * scaled by its own largest magnitude.
     *
     * @param weights inputs x units, as {@link #inputWeights} gives them
     * @param side the images' side, in pixels
     * @return the images in a grid
     */
    public static BufferedImage weights(Matrix weights, int side) {
        int units = Math.min(WEIGHT_UNITS, weights.cols());
        int columns = Math.min(8, units);
        int rows = (units + columns - 1) / columns;
        int scale = Math.max(2, 72 / side);
        int tile = side * scale;
        int gap = 18;
        int header = 56;
        int width = Math.max(420, columns * (tile + gap) + gap);
        int height = header + rows * (tile + gap + 14) + gap;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(INK);
        g.setFont(TITLE);
        centered(g, String.format(Locale.ROOT, "First-layer weights of units 1-%d", units), width, 24);
        g.setFont(SMALL);
        centered(g, "white: positive, black: negative; each unit scaled to its own largest weight", width, 44);
        for (int u = 0; u < units; u++) {
            double largest = 1e-12;
            for (int p = 0; p < weights.rows(); p++) {
                largest = Math.max(largest, Math.abs(weights.get(p, u)));
            }
            int ox = gap + (u % columns) * (tile + gap);
            int oy = header + (u / columns) * (tile + gap + 14);
            for (int p = 0; p < side * side; p++) {
                int level = (int) Math.round(127.5 + 127.5 * weights.get(p, u) / largest);
                g.setColor(new Color(level, level, level));
                g.fillRect(ox + (p % side) * scale, oy + (p / side) * scale, scale, scale);
            }
            g.setColor(GRID);
            g.drawRect(ox - 1, oy - 1, tile + 1, tile + 1);
            g.setColor(INK);
            g.drawString("unit " + (u + 1), ox, oy + tile + 13);
        }
        g.dispose();
        return image;
    }

    /**
     * The weights of the network's first layer with parameters as inputs x units, when it has a
     * matrix with one row (or column) per input; null otherwise.
     *
     * @param net the network
     * @return the weights (inputs x units), or null when there is no such layer
     */
    public static Matrix inputWeights(Network net) {
        for (Layer layer : net.layers()) {
            if (layer.parameters().isEmpty()) {
                continue;
            }
            for (Parameter p : layer.parameters()) {
                Matrix w = p.value();
                if (w.rows() == net.inputSize() && w.cols() > 0) {
                    return w;
                }
                if (w.cols() == net.inputSize() && w.rows() > 1) {
                    return transpose(w);
                }
            }
            return null;
        }
        return null;
    }

    private static Matrix transpose(Matrix w) {
        Matrix t = new Matrix(w.cols(), w.rows());
        for (int r = 0; r < w.rows(); r++) {
            for (int c = 0; c < w.cols(); c++) {
                t.set(c, r, w.get(r, c));
            }
        }
        return t;
    }

    /** The house style: white, light grid, no borders, readable fonts. */
    private static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(GRID);
        styler.setChartFontColor(INK);
        styler.setChartTitleFont(TITLE);
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(TEXT);
        styler.setAxisTickLabelsFont(SMALL);
        styler.setAxisTickLabelsColor(INK);
        styler.setLegendFont(TEXT);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartPadding(14);
        styler.setAntiAlias(true);
        styler.setLocale(Locale.ROOT);
    }

    /**
     * Draws a small chart and encodes it as PNG into nothing: the first chart of a JVM spends
     * a few hundred milliseconds loading AWT, XChart, fonts and the PNG encoder, which a run
     * can do while it trains rather than after its last batch.
     */
    public static void warmUp() {
        BufferedImage image = curves(
                "warm-up",
                "loss",
                List.of(
                        new Curve("training", new double[] {1, 2, 3}, new double[] {1, 0.5, 0.25}, color(0), false),
                        new Curve("validation", new double[] {1, 2, 3}, new double[] {1, 0.6, 0.4}, color(1), true)),
                true,
                2);
        try {
            ImageIO.write(image, "png", OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // Only a warm-up: the real chart meets the same problem and reports it.
        }
    }

    private static BufferedImage render(Chart<?, ?> chart) {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
        return image;
    }

    /** A picture that says why there is nothing to draw, so a report never shows a blank or broken image. */
    private static BufferedImage message(int width, int height, String title, String text) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(INK);
        g.setFont(TITLE);
        centered(g, title, width, 30);
        g.setFont(TEXT);
        centered(g, text, width, height / 2);
        g.setColor(GRID);
        g.setStroke(new BasicStroke(2));
        g.drawRect(1, 1, width - 3, height - 3);
        g.dispose();
        return image;
    }

    private static void centered(Graphics2D g, String text, int width, int baseline) {
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (width - metrics.stringWidth(text)) / 2, baseline);
    }

    /** A class colour mixed with three parts white: the background of its region. */
    private static Color pale(Color c) {
        return new Color((c.getRed() + 3 * 255) / 4, (c.getGreen() + 3 * 255) / 4, (c.getBlue() + 3 * 255) / 4);
    }
}
