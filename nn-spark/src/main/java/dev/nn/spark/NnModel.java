package dev.nn.spark;

import dev.nn.api.Matrix;
import dev.nn.api.TableEncoding;
import dev.nn.core.SavedModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * An nn model as a Spark ML {@link Model}: scores a DataFrame with a {@code model.zip} made by
 * {@code bin/nn train} or {@link dev.nn.core.ModelFile#save}, in batches per partition, one loaded
 * network per executor JVM (from a broadcast of the file's bytes).
 *
 * <p>Its input is a vector column ({@link #featuresCol()}, raw features as the model was trained
 * on them: the recorded preprocessing is applied) or named columns ({@link #inputCols()}): for a
 * model of a table, the table's columns by name (numbers, strings, booleans; null or NaN is a
 * missing cell, filled in as in training); for another model, numeric columns in order. Its output
 * is {@link #predictionCol()} (the class index as a double for a classifier, the value for a
 * single-output regression, a vector for several outputs) and, for a classifier,
 * {@link #probabilityCol()} (a vector of the class probabilities).
 *
 * <p>Saved with {@link #write()} as a Spark ML directory holding Spark's metadata and the model
 * file itself as {@code model.zip}, which {@code bin/nn predict} and {@code Network.load} read;
 * {@link #load(String)} reads it back, also as a stage of a saved {@code PipelineModel}.
 */
public final class NnModel extends Model<NnModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    /** The name of the model file inside a saved NnModel's directory. */
    public static final String MODEL_FILE = "model.zip";

    /** The Spark ML identifier. */
    private final String uid;
    /** The model file, as it was read: what is broadcast and saved. */
    private final byte[] modelBytes;
    /** See {@link #featuresCol()}. */
    private final Param<String> featuresCol;
    /** See {@link #inputCols()}. */
    private final StringArrayParam inputCols;
    /** See {@link #predictionCol()}. */
    private final Param<String> predictionCol;
    /** See {@link #probabilityCol()}. */
    private final Param<String> probabilityCol;
    /** See {@link #batchSize()}. */
    private final IntParam batchSize;

    private transient SavedModel model;
    private transient Broadcast<byte[]> broadcast;
    private transient org.apache.spark.SparkContext broadcastBy;

    private NnModel(String uid, byte[] modelBytes, SavedModel model) {
        this.uid = uid;
        this.modelBytes = modelBytes;
        this.model = model;
        featuresCol = new Param<>(this, "featuresCol", "the vector column of raw features");
        inputCols = new StringArrayParam(
                this,
                "inputCols",
                "named input columns: a table model's columns (numbers, strings, booleans), or numeric features in order");
        predictionCol =
                new Param<>(this, "predictionCol", "the output column: class index, value, or vector of values");
        probabilityCol = new Param<>(
                this, "probabilityCol", "the vector column of class probabilities (classifiers); empty: none");
        batchSize = new IntParam(this, "batchSize", "rows scored at once per partition (> 0)");
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(batchSize, 1024);
    }

    /**
     * {@return an NnModel of a model file}
     *
     * @param modelZip a model file written by {@code bin/nn train} or {@link dev.nn.core.ModelFile#save}
     * @throws IllegalArgumentException when the file is not an nn model file, naming it and saying why
     * @throws UncheckedIOException     when it cannot be read
     */
    public static NnModel of(Path modelZip) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(modelZip);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model file " + modelZip + ": " + e.getMessage(), e);
        }
        return new NnModel(newUid(), bytes, ExecutorModels.parse(bytes, modelZip.toString()));
    }

    private static String newUid() {
        return "NnModel_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** {@return this model's Spark ML identifier, {@code NnModel_} and 12 hex digits, kept when saved} */
    @Override
    public String uid() {
        return uid;
    }

    /** {@return the vector column of raw features, used when {@link #inputCols()} is not set ({@code "features"})} */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** {@return the named input columns: a table model's columns, or numeric features in order; unset: featuresCol} */
    public StringArrayParam inputCols() {
        return inputCols;
    }

    /** {@return the output column ({@code "prediction"})} */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** {@return the class probabilities' vector column of a classifier ({@code "probability"}); empty for none} */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** {@return how many rows each partition scores at once ({@code 1024})} */
    public IntParam batchSize() {
        return batchSize;
    }

    /** {@return the vector column of raw features} */
    public String getFeaturesCol() {
        return getOrDefault(featuresCol);
    }

    /** {@return the named input columns; empty when not set} */
    public String[] getInputCols() {
        return isDefined(inputCols) ? getOrDefault(inputCols) : new String[0];
    }

    /** {@return the output column} */
    public String getPredictionCol() {
        return getOrDefault(predictionCol);
    }

    /** {@return the class probabilities' column; empty for none} */
    public String getProbabilityCol() {
        return getOrDefault(probabilityCol);
    }

    /** {@return how many rows each partition scores at once} */
    public int getBatchSize() {
        return (Integer) getOrDefault(batchSize);
    }

    /**
     * {@return this model, reading raw features from the vector column {@code name}}
     *
     * @param name a vector column
     */
    public NnModel setFeaturesCol(String name) {
        set(featuresCol, name);
        return this;
    }

    /**
     * {@return this model, reading its inputs from named columns}
     *
     * @param names for a table model its columns (any order, extra ones ignored); otherwise numeric
     *              columns, one per feature, in the features' order
     */
    public NnModel setInputCols(String... names) {
        set(inputCols, names);
        return this;
    }

    /**
     * {@return this model, writing predictions to the column {@code name}}
     *
     * @param name a new column's name
     */
    public NnModel setPredictionCol(String name) {
        set(predictionCol, name);
        return this;
    }

    /**
     * {@return this model, writing a classifier's probabilities to the column {@code name}}
     *
     * @param name a new column's name, or empty for none
     */
    public NnModel setProbabilityCol(String name) {
        set(probabilityCol, name);
        return this;
    }

    /**
     * {@return this model, scoring {@code rows} rows at once}
     *
     * @param rows rows per batch, at least 1
     */
    public NnModel setBatchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + rows);
        }
        set(batchSize, rows);
        return this;
    }

    /** {@return the loaded model this NnModel scores with} */
    public SavedModel savedModel() {
        if (model == null) {
            model = ExecutorModels.parse(modelBytes, "the model");
        }
        return model;
    }

    /** {@return a copy of the model file's bytes} */
    public byte[] modelFileBytes() {
        return modelBytes.clone();
    }

    /**
     * {@return a copy with the same model file and params, {@code extra}'s params set on it}
     *
     * @param extra params to set on the copy
     */
    @Override
    public NnModel copy(ParamMap extra) {
        NnModel copy = new NnModel(uid, modelBytes, savedModel());
        copyValues(copy, extra);
        return copy.setParent(parent());
    }

    /**
     * {@return {@code schema} with the columns {@link #transform} adds: the prediction, and a classifier's probabilities}
     *
     * @param schema the input DataFrame's schema
     * @throws IllegalArgumentException naming the column, when one the model needs is missing or of a
     *                                  type it cannot take, or an output column exists already
     */
    @Override
    public StructType transformSchema(StructType schema) {
        return plan(schema).outputSchema;
    }

    /**
     * {@return {@code dataset} with the prediction (and a classifier's probabilities) of each row}
     * Lazy, as Spark's transforms are: each partition is scored in batches of {@link #batchSize()}
     * rows when an action runs, by one network per executor JVM.
     *
     * @param dataset the rows to score
     * @throws IllegalArgumentException as {@link #transformSchema} does
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        Plan plan = plan(dataset.schema());
        Dataset<Row> df = dataset.toDF();
        JavaSparkContext jsc =
                JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
        // One broadcast per model and SparkContext: a transform after a new session broadcasts again.
        if (broadcast == null || broadcastBy != jsc.sc()) {
            broadcast = jsc.broadcast(modelBytes);
            broadcastBy = jsc.sc();
        }
        Scorer scorer = new Scorer(broadcast, ExecutorModels.key(modelBytes), plan.scoring, getBatchSize());
        // A Dataset's mapPartitions (not the RDD's and createDataFrame): rows go through the generated
        // encoder of the output schema, and the partitions stay as they are.
        return df.mapPartitions(scorer, Encoders.row(plan.outputSchema));
    }

    /** What {@link #transform} does with a schema: the inputs it reads and the columns it adds. */
    private record Plan(StructType outputSchema, Scoring scoring) {}

    private Plan plan(StructType schema) {
        SavedModel m = savedModel();
        TableEncoding table = m.network().preprocessing().table();
        int inputs = m.network().inputSize();
        int outputs = m.network().outputSize();
        List<String> classes = m.info().classNames();
        boolean classifier = !classes.isEmpty();
        List<String> fieldNames = Arrays.asList(schema.fieldNames());

        Scoring.Input input;
        int[] columns;
        String[] tableNames = new String[0];
        String[] given = getInputCols();
        if (table != null) {
            List<String> needed =
                    table.columns().stream().map(TableEncoding.Column::name).toList();
            if (given.length > 0) {
                List<String> givenList = Arrays.asList(given);
                for (String name : needed) {
                    if (!givenList.contains(name)) {
                        throw new IllegalArgumentException("inputCols has no column '" + name
                                + "', which the model needs (it takes " + String.join(", ", needed) + ")");
                    }
                }
            }
            columns = new int[needed.size()];
            tableNames = needed.toArray(String[]::new);
            for (int j = 0; j < needed.size(); j++) {
                String name = needed.get(j);
                columns[j] = columnIndex(
                        schema, fieldNames, name, "which the model needs (it takes " + String.join(", ", needed) + ")");
                DataType type = schema.fields()[columns[j]].dataType();
                if (!(type instanceof NumericType || type instanceof StringType || type instanceof BooleanType)) {
                    throw new IllegalArgumentException("column '" + name + "' is of type " + type.simpleString()
                            + "; a table model's columns must be numeric, string or boolean");
                }
            }
            input = Scoring.Input.TABLE;
        } else if (given.length > 0) {
            if (given.length != inputs) {
                throw new IllegalArgumentException("inputCols names " + given.length + " columns, but the model takes "
                        + inputs + " features (one numeric column each)");
            }
            columns = new int[given.length];
            for (int j = 0; j < given.length; j++) {
                columns[j] = columnIndex(schema, fieldNames, given[j], "named in inputCols");
                DataType type = schema.fields()[columns[j]].dataType();
                if (!(type instanceof NumericType)) {
                    throw new IllegalArgumentException("column '" + given[j] + "' is of type " + type.simpleString()
                            + "; inputCols of a model that was not trained on a table must be numeric");
                }
            }
            input = Scoring.Input.NUMBERS;
        } else {
            String name = getFeaturesCol();
            int index = columnIndex(schema, fieldNames, name, "set featuresCol or inputCols");
            DataType type = schema.fields()[index].dataType();
            if (!type.equals(SQLDataTypes.VectorType())) {
                throw new IllegalArgumentException("featuresCol '" + name + "' is of type " + type.simpleString()
                        + "; it must be a vector column (org.apache.spark.ml.linalg.Vector, as VectorAssembler makes)");
            }
            columns = new int[] {index};
            input = Scoring.Input.VECTOR;
        }

        List<StructField> fields = new ArrayList<>(Arrays.asList(schema.fields()));
        String prediction = getPredictionCol();
        if (prediction.isEmpty()) {
            throw new IllegalArgumentException("predictionCol must name a column");
        }
        boolean vectorPrediction = !classifier && outputs > 1;
        fields.add(newColumn(
                fieldNames,
                "predictionCol",
                prediction,
                vectorPrediction ? SQLDataTypes.VectorType() : DataTypes.DoubleType));
        String probability = getProbabilityCol();
        boolean probabilities = classifier && !probability.isEmpty();
        if (probabilities) {
            if (probability.equals(prediction)) {
                throw new IllegalArgumentException(
                        "probabilityCol and predictionCol are both '" + prediction + "'; give them different names");
            }
            fields.add(newColumn(fieldNames, "probabilityCol", probability, SQLDataTypes.VectorType()));
        }
        Scoring scoring = new Scoring(
                input, columns, tableNames, inputs, classifier ? classes.size() : 0, vectorPrediction, probabilities);
        return new Plan(new StructType(fields.toArray(StructField[]::new)), scoring);
    }

    private static int columnIndex(StructType schema, List<String> fieldNames, String name, String why) {
        if (!fieldNames.contains(name)) {
            throw new IllegalArgumentException("the DataFrame has no column '" + name + "', " + why
                    + "; its columns are " + String.join(", ", fieldNames));
        }
        return schema.fieldIndex(name);
    }

    private static StructField newColumn(List<String> fieldNames, String param, String name, DataType type) {
        if (fieldNames.contains(name)) {
            throw new IllegalArgumentException(
                    "the DataFrame already has a column '" + name + "'; set " + param + " to a new column's name");
        }
        return DataTypes.createStructField(name, type, false);
    }

    /** The part of a plan the executors need: serializable, no Spark types. */
    private record Scoring(
            Input input,
            int[] columns,
            String[] tableNames,
            int features,
            int classes,
            boolean vectorPrediction,
            boolean probabilities)
            implements java.io.Serializable {
        enum Input {
            VECTOR,
            NUMBERS,
            TABLE
        }
    }

    /** Scores one partition: batches of rows, one {@code predict} each, with this JVM's network. */
    private static final class Scorer implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> model;
        private final String key;
        private final Scoring scoring;
        private final int batchSize;

        Scorer(Broadcast<byte[]> model, String key, Scoring scoring, int batchSize) {
            this.model = model;
            this.key = key;
            this.scoring = scoring;
            this.batchSize = batchSize;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            SavedModel saved = ExecutorModels.get(key, model);
            return new Iterator<>() {
                private final List<Row> batch = new ArrayList<>();
                private Matrix out;
                private int next;

                @Override
                public boolean hasNext() {
                    return next < batch.size() || rows.hasNext();
                }

                @Override
                public Row next() {
                    if (next == batch.size()) {
                        if (!rows.hasNext()) {
                            throw new NoSuchElementException();
                        }
                        score();
                    }
                    Row row = batch.get(next);
                    Object[] values = new Object[row.length() + (scoring.probabilities ? 2 : 1)];
                    for (int i = 0; i < row.length(); i++) {
                        values[i] = row.get(i);
                    }
                    float[] y = out.row(next);
                    values[row.length()] = prediction(y);
                    if (scoring.probabilities) {
                        values[row.length() + 1] = Vectors.dense(probabilities(y));
                    }
                    next++;
                    return RowFactory.create(values);
                }

                private void score() {
                    batch.clear();
                    next = 0;
                    while (batch.size() < batchSize && rows.hasNext()) {
                        batch.add(rows.next());
                    }
                    float[] x = new float[batch.size() * scoring.features];
                    for (int r = 0; r < batch.size(); r++) {
                        features(saved, batch.get(r), x, r * scoring.features);
                    }
                    out = saved.predict(Matrix.wrap(batch.size(), scoring.features, x));
                }
            };
        }

        private void features(SavedModel saved, Row row, float[] x, int at) {
            switch (scoring.input) {
                case VECTOR -> {
                    int c = scoring.columns[0];
                    if (row.isNullAt(c)) {
                        throw new IllegalArgumentException(
                                "the features column holds a null vector; every row needs its features");
                    }
                    Vector v = (Vector) row.get(c);
                    if (v.size() != scoring.features) {
                        throw new IllegalArgumentException("the features column holds a vector of " + v.size()
                                + " values; the model takes " + scoring.features + " features");
                    }
                    for (int j = 0; j < scoring.features; j++) {
                        x[at + j] = (float) v.apply(j);
                    }
                }
                case NUMBERS -> {
                    for (int j = 0; j < scoring.features; j++) {
                        int c = scoring.columns[j];
                        x[at + j] = row.isNullAt(c) ? Float.NaN : ((Number) row.get(c)).floatValue();
                    }
                }
                case TABLE -> {
                    Map<String, Object> cells = new HashMap<>();
                    for (int j = 0; j < scoring.columns.length; j++) {
                        cells.put(scoring.tableNames[j], row.get(scoring.columns[j]));
                    }
                    float[] encoded = saved.network().preprocessing().table().encode(cells);
                    System.arraycopy(encoded, 0, x, at, scoring.features);
                }
            }
        }

        private Object prediction(float[] y) {
            if (scoring.classes > 0) {
                if (y.length == 1) {
                    return y[0] >= 0.5f ? 1.0 : 0.0;
                }
                int best = 0;
                for (int k = 1; k < y.length; k++) {
                    if (y[k] > y[best]) {
                        best = k;
                    }
                }
                return (double) best;
            }
            if (scoring.vectorPrediction) {
                return Vectors.dense(toDoubles(y));
            }
            return (double) y[0];
        }

        private static double[] probabilities(float[] y) {
            if (y.length == 1) {
                return new double[] {1.0 - y[0], y[0]};
            }
            return toDoubles(y);
        }

        private static double[] toDoubles(float[] y) {
            double[] d = new double[y.length];
            for (int k = 0; k < y.length; k++) {
                d[k] = y[k];
            }
            return d;
        }
    }

    /** {@return a writer of this model as a Spark ML directory: Spark's metadata and {@value #MODEL_FILE}} */
    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** {@return a reader of saved NnModels, as Spark ML's {@code MLReadable} companions give} */
    public static MLReader<NnModel> read() {
        return new Reader();
    }

    /**
     * {@return the NnModel saved at {@code path} by {@link #write()}}
     *
     * @param path a directory (any file system Spark's Hadoop configuration reaches)
     */
    public static NnModel load(String path) {
        return read().load(path);
    }

    private static final class Writer extends MLWriter {
        private final NnModel instance;

        Writer(NnModel instance) {
            this.instance = instance;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(instance, path, sparkSession());
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                try (OutputStream out = fs.create(file, true)) {
                    out.write(instance.modelBytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static final class Reader extends MLReader<NnModel> {
        @Override
        public NnModel load(String path) {
            DefaultParamsReader.Metadata metadata =
                    DefaultParamsReader.loadMetadata(path, sparkSession(), NnModel.class.getName());
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
            byte[] bytes;
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                try (InputStream in = fs.open(file)) {
                    bytes = in.readAllBytes();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            NnModel model = new NnModel(metadata.uid(), bytes, ExecutorModels.parse(bytes, file.toString()));
            metadata.getAndSetParams(model, Option.empty());
            return model;
        }
    }
}
