package dev.nn.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a person reads when the DataFrame or the file does not fit: one line saying what and where. */
class NnModelBadInputTest {

    @TempDir
    Path dir;

    @Test
    void aColumnTheTableModelNeedsAndTheDataFrameLacksIsNamed() {
        Dataset<Row> noCity = NnModelTableTest.houses().drop("city");

        assertThatThrownBy(() -> NnModel.of(TableModels.FILE).transform(noCity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the DataFrame has no column 'city', which the model needs (it takes rooms, city, garden,"
                        + " area); its columns are id, area, rooms, garden, price");
    }

    @Test
    void inputColsLackingAColumnTheModelNeedsIsNamed() {
        assertThatThrownBy(() -> NnModel.of(TableModels.FILE)
                        .setInputCols("rooms", "city", "area")
                        .transformSchema(NnModelTableTest.houses().schema()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "inputCols has no column 'garden', which the model needs (it takes rooms, city, garden, area)");
    }

    @Test
    void aColumnOfTheWrongTypeSaysWhichAndWhatItMustBe() {
        Dataset<Row> textFeatures = SharedSpark.session()
                .createDataFrame(List.of(RowFactory.create("1,2,3")), new StructType(new StructField[] {
                    DataTypes.createStructField("features", DataTypes.StringType, false)
                }));
        Dataset<Row> arrayCity = NnModelTableTest.houses()
                .drop("city")
                .withColumn("city", org.apache.spark.sql.functions.array(org.apache.spark.sql.functions.lit("Rome")));

        assertThatThrownBy(() -> NnModel.of(DigitsModels.FILE).transform(textFeatures))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("featuresCol 'features' is of type string; it must be a vector column"
                        + " (org.apache.spark.ml.linalg.Vector, as VectorAssembler makes)");
        assertThatThrownBy(() -> NnModel.of(TableModels.FILE).transform(arrayCity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column 'city' is of type array<string>; a table model's columns must be numeric, string"
                        + " or boolean");
    }

    @Test
    void anOutputColumnThatExistsAlreadyIsRefused() {
        assertThatThrownBy(() -> NnModel.of(TableModels.FILE)
                        .setPredictionCol("price")
                        .transformSchema(NnModelTableTest.houses().schema()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the DataFrame already has a column 'price'; set predictionCol to a new column's name");
    }

    @Test
    void aFileThatIsNotAModelFileSaysSoNamingIt() throws IOException {
        Path notAModel = dir.resolve("model.zip");
        Files.writeString(notAModel, "layers: [dense]\n");

        assertThatThrownBy(() -> NnModel.of(notAModel))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(notAModel + ": not an nn model file: it is not a zip archive (it starts with")
                .hasMessageNotContaining("nn-spark-")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aVectorOfTheWrongSizeFailsTheJobWithItsSize() {
        Dataset<Row> short3 = SharedSpark.session()
                .createDataFrame(
                        List.of(RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(1, 2, 3))),
                        new StructType(new StructField[] {
                            DataTypes.createStructField(
                                    "features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType(), false)
                        }));

        assertThatThrownBy(() -> NnModel.of(DigitsModels.FILE).transform(short3).collectAsList())
                .hasStackTraceContaining("the features column holds a vector of 3 values; the model takes 64 features");
    }
}
