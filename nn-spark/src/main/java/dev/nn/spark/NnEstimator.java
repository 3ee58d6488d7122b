package dev.nn.spark;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.DatasetProvider;
import dev.nn.api.Engine;
import dev.nn.api.Matrix;
import dev.nn.api.Options;
import dev.nn.api.Split;
import dev.nn.api.TableColumn;
import dev.nn.core.ModelFile;
import dev.nn.core.Network;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.runner.config.ConfigLoader;
import dev.nn.runner.config.PipelineConfig;
import dev.nn.runner.pipeline.Pipeline;
import dev.nn.runner.pipeline.RunnerModule;
import dev.nn.runner.report.StandardReports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * An nn pipeline as a Spark ML {@link Estimator}: {@link #fit} trains the network of the pipeline YAML
 * {@link #config()} on a DataFrame, on the DataFrame's Spark session ({@link SparkRounds}: the
 * config's {@code distributed.spark} section, or exact rounds over as many partitions as the
 * DataFrame has), and returns an {@link NnModel} that scores in batches per partition.
 *
 * <p>The DataFrame takes the place of the config's dataset: its features are the vector column
 * {@link #featuresCol()}, or the named columns {@link #inputCols()} (numbers, strings as categories,
 * booleans: the table model of nn's csv reader, encoded by the config's preprocessing), and its
 * label the column {@link #labelCol()}: class indices 0, 1, ... as Spark's classifiers take them,
 * or values when {@link #task()} is {@code regression}. Every row trains (the config's
 * {@code data.test} is set to 0); {@code data.validation} still holds rows out for early stopping.
 * The driver holds the rows it trains on.
 */
public final class NnEstimator extends Estimator<NnModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    /** This stage's uid. */
    private final String uid;
    /** The pipeline YAML: a path, or its text. */
    private final Param<String> config;
    /** The vector column of features. */
    private final Param<String> featuresCol;
    /** Named feature columns, instead of the vector. */
    private final StringArrayParam inputCols;
    /** The label column. */
    private final Param<String> labelCol;
    /** The fitted model's prediction column. */
    private final Param<String> predictionCol;
    /** The fitted model's probability column. */
    private final Param<String> probabilityCol;
    /** classification or regression. */
    private final Param<String> task;
    /** The partitions to train on, 0 for the config's or the DataFrame's. */
    private final IntParam partitions;
    /** The local steps per round, 0 for the config's or 1. */
    private final IntParam localSteps;

    /** An estimator with a random uid. */
    public NnEstimator() {
        this("nn_estimator_" + UUID.randomUUID().toString().substring(0, 12));
    }

    /**
     * An estimator with the given uid.
     *
     * @param uid the uid
     */
    public NnEstimator(String uid) {
        this.uid = uid;
        this.config = new Param<>(this, "config", "the nn pipeline: a YAML file's path, or its text");
        this.featuresCol = new Param<>(this, "featuresCol", "the vector column of features");
        this.inputCols = new StringArrayParam(this, "inputCols", "named feature columns (instead of featuresCol)");
        this.labelCol = new Param<>(this, "labelCol", "the label column");
        this.predictionCol = new Param<>(this, "predictionCol", "the model's prediction column");
        this.probabilityCol = new Param<>(this, "probabilityCol", "the model's probability column");
        this.task = new Param<>(this, "task", "classification (labels 0, 1, ...) or regression");
        this.partitions =
                new IntParam(this, "partitions", "partitions to train on; 0: the config's, or the DataFrame's");
        this.localSteps = new IntParam(this, "localSteps", "1 exact, H > 1 averaging; 0: the config's, or 1");
        setDefault(featuresCol, "features");
        setDefault(inputCols, new String[0]);
        setDefault(labelCol, "label");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(task, "classification");
        setDefault(partitions, 0);
        setDefault(localSteps, 0);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** {@return the pipeline YAML param: a path, or the text itself} */
    public Param<String> config() {
        return config;
    }

    /** {@return the features vector column param} */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** {@return the named feature columns param} */
    public StringArrayParam inputCols() {
        return inputCols;
    }

    /** {@return the label column param} */
    public Param<String> labelCol() {
        return labelCol;
    }

    /** {@return the prediction column param of the model} */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** {@return the probability column param of the model} */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** {@return the task param: classification or regression} */
    public Param<String> task() {
        return task;
    }

    /** {@return the partitions param} */
    public IntParam partitions() {
        return partitions;
    }

    /** {@return the local steps param} */
    public IntParam localSteps() {
        return localSteps;
    }

    /**
     * {@return this estimator} Sets the pipeline YAML: a file's path, or the text itself.
     *
     * @param pathOrYaml the config
     */
    public NnEstimator setConfig(String pathOrYaml) {
        set(config, pathOrYaml);
        return this;
    }

    /**
     * {@return this estimator} Sets the features vector column.
     *
     * @param name the column
     */
    public NnEstimator setFeaturesCol(String name) {
        set(featuresCol, name);
        return this;
    }

    /**
     * {@return this estimator} Sets named feature columns, used instead of the features vector.
     *
     * @param names the columns
     */
    public NnEstimator setInputCols(String... names) {
        set(inputCols, names);
        return this;
    }

    /**
     * {@return this estimator} Sets the label column.
     *
     * @param name the column
     */
    public NnEstimator setLabelCol(String name) {
        set(labelCol, name);
        return this;
    }

    /**
     * {@return this estimator} Sets the model's prediction column.
     *
     * @param name the column
     */
    public NnEstimator setPredictionCol(String name) {
        set(predictionCol, name);
        return this;
    }

    /**
     * {@return this estimator} Sets the model's probability column.
     *
     * @param name the column
     */
    public NnEstimator setProbabilityCol(String name) {
        set(probabilityCol, name);
        return this;
    }

    /**
     * {@return this estimator} Sets the task.
     *
     * @param value classification or regression
     */
    public NnEstimator setTask(String value) {
        if (!value.equals("classification") && !value.equals("regression")) {
            throw new IllegalArgumentException("task must be classification or regression, got '" + value + "'");
        }
        set(task, value);
        return this;
    }

    /**
     * {@return this estimator} Sets the partitions to train on.
     *
     * @param count the partitions, at least 1
     */
    public NnEstimator setPartitions(int count) {
        set(partitions, count);
        return this;
    }

    /**
     * {@return this estimator} Sets the local steps: 1 exact, H &gt; 1 averaging.
     *
     * @param steps the local steps, at least 1
     */
    public NnEstimator setLocalSteps(int steps) {
        set(localSteps, steps);
        return this;
    }

    @Override
    public NnModel fit(org.apache.spark.sql.Dataset<?> frame) {
        transformSchema(frame.schema());
        Path file = configFile();
        boolean text = !file.toString().equals(getOrDefault(config));
        try {
            Dataset data = collect(frame);
            PluginRegistry registry = PluginRegistry.defaultRegistry()
                    .withProviders("the DataFrame given to NnEstimator.fit", List.of(new FrameProvider(data)));
            List<String> overrides = new ArrayList<>();
            overrides.add("data.dataset={" + FrameProvider.NAME + ": {}}");
            overrides.add("data.test=0");
            int p = (Integer) getOrDefault(partitions);
            int h = (Integer) getOrDefault(localSteps);
            overrides.add(
                    "distributed.spark.partitions=" + (p > 0 ? p : frame.rdd().getNumPartitions()));
            if (h > 0) {
                overrides.add("distributed.spark.local_steps=" + h);
            }
            PipelineConfig pipelineConfig = new ConfigLoader(registry).load(file, overrides);
            Injector injector = Guice.createInjector(new RunnerModule(pipelineConfig, registry));
            Pipeline pipeline = injector.getInstance(Pipeline.class);
            Network net = pipeline.network();
            Split split = pipeline.data();
            pipeline.trainer().fit(net, split.train(), split.validation());
            Path model = Files.createTempFile("nn-estimator-", ".zip");
            try {
                ModelFile.save(
                        net,
                        StandardReports.modelInfo(
                                pipelineConfig, split, injector.getInstance(Engine.class), pipeline.dataChecksum()),
                        model);
                NnModel fitted = NnModel.of(model)
                        .setPredictionCol(getOrDefault(predictionCol))
                        .setProbabilityCol(getOrDefault(probabilityCol));
                String[] named = getOrDefault(inputCols);
                return named.length > 0 ? fitted.setInputCols(named) : fitted.setFeaturesCol(getOrDefault(featuresCol));
            } finally {
                Files.deleteIfExists(model);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("NnEstimator: " + e.getMessage(), e);
        } catch (ConfigException e) {
            // A config given as text is read from a temporary file, whose name would mean nothing to its author.
            throw text
                    ? new IllegalArgumentException(e.getMessage().replace(file.toString(), "NnEstimator config"), e)
                    : e;
        } finally {
            if (text) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is the operating system's to clean
                }
            }
        }
    }

    /** {@return the config's file: the path given, or the text written to a temporary file} */
    private Path configFile() {
        if (!isSet(config)) {
            throw new IllegalArgumentException("NnEstimator: set config to a pipeline YAML (its path, or its text)");
        }
        String value = getOrDefault(config);
        if (!value.contains("\n") && Files.isRegularFile(Path.of(value))) {
            return Path.of(value);
        }
        if (!value.contains("\n")) {
            throw new IllegalArgumentException(
                    "NnEstimator config: " + value + ": no such file (give a path or the YAML text)");
        }
        try {
            Path tmp = Files.createTempFile("nn-estimator-", ".yaml");
            Files.writeString(tmp, value, StandardCharsets.UTF_8);
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("NnEstimator: cannot write the config: " + e.getMessage(), e);
        }
    }

    /** The DataFrame's rows as nn's dataset: a vector or named columns, and the label. */
    private Dataset collect(org.apache.spark.sql.Dataset<?> frame) {
        String[] named = getOrDefault(inputCols);
        String label = getOrDefault(labelCol);
        boolean classification = getOrDefault(task).equals("classification");
        List<String> columns = new ArrayList<>();
        if (named.length > 0) {
            columns.addAll(List.of(named));
        } else {
            columns.add(getOrDefault(featuresCol));
        }
        columns.add(label);
        List<Row> rows = frame.selectExpr(
                        columns.stream().map(c -> "`" + c + "`").toArray(String[]::new))
                .collectAsList();
        int n = rows.size();
        if (n == 0) {
            throw new IllegalArgumentException("NnEstimator: the DataFrame has no rows to train on");
        }
        int labelIndex = columns.size() - 1;
        float[] values = new float[n];
        for (int r = 0; r < n; r++) {
            Row row = rows.get(r);
            if (row.isNullAt(labelIndex)) {
                throw new IllegalArgumentException("NnEstimator: row " + r + " has no " + label);
            }
            values[r] = (float) ((Number) row.get(labelIndex)).doubleValue();
        }
        Matrix x;
        List<TableColumn> table = List.of();
        List<String> names = List.of();
        if (named.length == 0) {
            int d = ((Vector) rows.get(0).get(0)).size();
            x = new Matrix(n, d);
            float[] xd = x.data();
            for (int r = 0; r < n; r++) {
                Vector v = (Vector) rows.get(r).get(0);
                if (v.size() != d) {
                    throw new IllegalArgumentException("NnEstimator: row " + r + " of " + getOrDefault(featuresCol)
                            + " has " + v.size() + " values, the first row " + d);
                }
                for (int j = 0; j < d; j++) {
                    xd[r * d + j] = (float) v.apply(j);
                }
            }
        } else {
            x = new Matrix(n, named.length);
            table = tableColumns(frame.schema(), named, rows, x);
            names = List.of(named);
        }
        Dataset data;
        if (classification) {
            int[] labels = new int[n];
            int classes = 0;
            for (int r = 0; r < n; r++) {
                float v = values[r];
                if (v < 0 || v != Math.rint(v)) {
                    throw new IllegalArgumentException("NnEstimator: " + label + " must hold class indices 0, 1, ..."
                            + " for classification (row " + r + " has " + v + "); setTask(\"regression\") for values");
                }
                labels[r] = (int) v;
                classes = Math.max(classes, labels[r] + 1);
            }
            List<String> classNames = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                classNames.add(String.valueOf(c));
            }
            data = Dataset.classification("DataFrame", x, labels, classNames);
        } else {
            data = Dataset.regression("DataFrame", x, Matrix.wrap(n, 1, values));
        }
        if (!names.isEmpty()) {
            data = data.withNames(names, classification ? List.of() : List.of(label))
                    .withTable(table);
        }
        return data;
    }

    /** Fills {@code x} with the named columns as nn's table model holds them, and returns the columns. */
    private static List<TableColumn> tableColumns(StructType schema, String[] named, List<Row> rows, Matrix x) {
        List<TableColumn> columns = new ArrayList<>();
        float[] xd = x.data();
        int d = named.length;
        for (int j = 0; j < d; j++) {
            DataType type = schema.apply(named[j]).dataType();
            if (type instanceof NumericType) {
                columns.add(TableColumn.number(named[j]));
                for (int r = 0; r < rows.size(); r++) {
                    Row row = rows.get(r);
                    xd[r * d + j] = row.isNullAt(j) ? Float.NaN : (float) ((Number) row.get(j)).doubleValue();
                }
            } else if (type instanceof BooleanType) {
                columns.add(TableColumn.bool(named[j]));
                for (int r = 0; r < rows.size(); r++) {
                    Row row = rows.get(r);
                    xd[r * d + j] = row.isNullAt(j) ? Float.NaN : row.getBoolean(j) ? 1f : 0f;
                }
            } else {
                TreeSet<String> levels = new TreeSet<>();
                for (Row row : rows) {
                    if (!row.isNullAt(j)) {
                        levels.add(row.getString(j));
                    }
                }
                List<String> ordered = List.copyOf(levels);
                columns.add(TableColumn.category(named[j], ordered));
                for (int r = 0; r < rows.size(); r++) {
                    Row row = rows.get(r);
                    xd[r * d + j] = row.isNullAt(j) ? Float.NaN : ordered.indexOf(row.getString(j));
                }
            }
        }
        return columns;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String[] named = getOrDefault(inputCols);
        List<String> needed = new ArrayList<>();
        if (named.length > 0) {
            needed.addAll(List.of(named));
        } else {
            needed.add(getOrDefault(featuresCol));
        }
        needed.add(getOrDefault(labelCol));
        List<String> have = List.of(schema.fieldNames());
        for (String c : needed) {
            if (!have.contains(c)) {
                throw new IllegalArgumentException("NnEstimator: the DataFrame has no column '" + c
                        + "'; its columns are " + String.join(", ", have));
            }
        }
        for (String c : named) {
            DataType type = schema.apply(c).dataType();
            if (!(type instanceof NumericType || type instanceof StringType || type instanceof BooleanType)) {
                throw new IllegalArgumentException("NnEstimator: column '" + c + "' is " + type.simpleString()
                        + "; inputCols take numbers, strings (categories) and booleans");
            }
        }
        StructField label = schema.apply(getOrDefault(labelCol));
        if (!(label.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("NnEstimator: the label column '" + label.name() + "' is "
                    + label.dataType().simpleString() + "; it must be numeric");
        }
        return schema;
    }

    @Override
    public NnEstimator copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** {@return the reader of an estimator saved with {@code write().save(path)} (its params)} */
    public static MLReader<NnEstimator> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * {@return an estimator saved with {@code write().save(path)}}
     *
     * @param path the folder it was saved in
     */
    public static NnEstimator load(String path) {
        return read().load(path);
    }

    /** The DataFrame's rows as the pipeline's dataset, under a name no config can use by mistake. */
    private static final class FrameProvider implements DatasetProvider {
        static final String NAME = "spark_dataframe";
        private final Dataset data;

        FrameProvider(Dataset data) {
            this.data = data;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "the DataFrame given to NnEstimator.fit";
        }

        @Override
        public Dataset load(Options options) {
            return data;
        }
    }
}
