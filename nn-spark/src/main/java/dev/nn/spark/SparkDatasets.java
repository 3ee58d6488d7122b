package dev.nn.spark;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.DatasetProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Datasets read through Spark: {@code parquet {path, target, ...}} and {@code spark_table {name,
 * target, ...}}, on the running SparkSession (or one started as {@code distributed.spark} says, else
 * {@code local[*]}). Their columns become the raw table the {@code csv} dataset makes, collected on
 * the driver ({@link DataFrameTable}).
 */
public final class SparkDatasets {
    private SparkDatasets() {}

    /** The {@code parquet} dataset: a Parquet file or folder, on any file system Spark reaches. */
    public static final class Parquet implements DatasetProvider {
        /** For {@link java.util.ServiceLoader}. */
        public Parquet() {}

        @Override
        public String name() {
            return "parquet";
        }

        @Override
        public String description() {
            return "Parquet data read through Spark (a file or a folder; file:, hdfs:, s3a: ...): named columns of"
                    + " numbers, strings and booleans, and the target(s) to predict; the driver holds the rows";
        }

        @Override
        public List<OptionSpec> options() {
            return DataFrameTable.options(OptionSpec.string(
                            "path",
                            "where the Parquet data is, as Spark reads it (a relative path is relative to the working"
                                    + " folder)")
                    .required());
        }

        @Override
        public Dataset load(Options options) {
            String path = options.string("path");
            SparkSession spark = SparkSessions.session();
            org.apache.spark.sql.Dataset<Row> frame;
            try {
                // Asked first, since Spark logs a stack trace for a path that is not there before it fails.
                org.apache.hadoop.fs.Path where = new org.apache.hadoop.fs.Path(path);
                if (!where.getFileSystem(spark.sparkContext().hadoopConfiguration())
                        .exists(where)) {
                    throw options.error("path", "no Parquet file or folder at " + path);
                }
                frame = spark.read().parquet(path);
            } catch (java.io.IOException e) {
                throw options.error("path", "cannot read " + path + ": " + e.getMessage());
            } catch (ConfigException e) {
                throw e;
            } catch (Exception e) { // Scala throws AnalysisException, a checked exception, undeclared
                if (!(e instanceof AnalysisException)) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
                // PATH_NOT_FOUND, UNABLE_TO_INFER_SCHEMA (an empty folder): Spark's message, its first line.
                throw options.error("path", "cannot read Parquet data at " + path + ": " + firstLine(e));
            }
            String name = path.replaceAll("/+$", "");
            name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\.parquet$", "");
            return DataFrameTable.read(name, frame, options, "path " + path);
        }
    }

    /** The {@code spark_table} dataset: a table of the session's catalog (Hive's, Unity's, a temporary view). */
    public static final class SparkTable implements DatasetProvider {
        /** For {@link java.util.ServiceLoader}. */
        public SparkTable() {}

        @Override
        public String name() {
            return "spark_table";
        }

        @Override
        public String description() {
            return "a table (or view) of the Spark session's catalog: named columns of numbers, strings and booleans,"
                    + " and the target(s) to predict; the driver holds the rows";
        }

        @Override
        public List<OptionSpec> options() {
            return DataFrameTable.options(
                    OptionSpec.string("name", "the table's name, as Spark SQL names it (db.table)")
                            .required());
        }

        @Override
        public Dataset load(Options options) {
            String table = options.string("name");
            SparkSession spark = SparkSessions.session();
            if (!spark.catalog().tableExists(table)) {
                List<String> known = spark.catalog().listTables().collectAsList().stream()
                        .map(t -> t.name())
                        .sorted()
                        .toList();
                throw options.error(
                        "name",
                        "no table or view '" + table + "' in the Spark session's catalog"
                                + (known.isEmpty()
                                        ? " (it has none)"
                                        : "; its tables are " + String.join(", ", known)));
            }
            return DataFrameTable.read(table, spark.table(table), options, "table " + table);
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }
}
