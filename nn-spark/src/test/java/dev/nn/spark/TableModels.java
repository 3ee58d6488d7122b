package dev.nn.spark;

import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Losses.mse;

import dev.nn.api.ColumnType;
import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.api.Missing;
import dev.nn.api.Split;
import dev.nn.api.TableColumn;
import dev.nn.api.Unseen;
import dev.nn.core.ModelFile;
import dev.nn.core.Network;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.train.Trainer;
import dev.nn.plugins.Optimizers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A regression model of a small table trained once per test JVM: a price from rooms (a number,
 * some missing, filled with the median), a city (a category, some missing), a garden (a boolean)
 * and an area, with standardized inputs and targets.
 */
final class TableModels {
    static final List<String> CITIES = List.of("Paris", "Berlin", "Rome");
    static final Dataset RAW_TEST;
    static final Split SPLIT;
    static final Network NET;
    static final Path FILE;

    static {
        Split raw = houses(400, 3).split(0.25, 3);
        RAW_TEST = raw.test();
        SPLIT = raw.encodeTable().standardize().standardizeTargets();
        NET = Network.builder(SPLIT.inputSize())
                .add(dense(8).activation("tanh"))
                .add(dense(1))
                .loss(mse())
                .seed(3)
                .threads(1)
                .targetScaling(SPLIT.preprocessing().targetSteps())
                .build();
        Trainer.builder()
                .optimizer(Optimizers.adam(0.01))
                .batchSize(16)
                .epochs(5)
                .build()
                .fit(NET, SPLIT.train());
        try {
            FILE = Files.createTempDirectory("nn-spark-houses").resolve("model.zip");
            ModelFile.save(
                    NET,
                    new ModelInfo(
                            List.of(),
                            SPLIT.preprocessing(),
                            Map.of(),
                            "test",
                            3,
                            "scalar",
                            "",
                            "2026-12-01T00:00:00Z"),
                    FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TableModels() {}

    private static Dataset houses(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Matrix x = new Matrix(n, 4);
        Matrix price = new Matrix(n, 1);
        for (int r = 0; r < n; r++) {
            int rooms = 1 + random.nextInt(6);
            int city = random.nextInt(3);
            boolean garden = random.nextBoolean();
            float area = (float) (20 * rooms + 10 * random.nextDouble());
            x.set(r, 0, r % 7 == 3 ? Float.NaN : rooms);
            x.set(r, 1, r % 11 == 5 ? Float.NaN : city);
            x.set(r, 2, garden ? 1 : 0);
            x.set(r, 3, area);
            price.set(r, 0, (float) (50 * rooms
                    + new double[] {300, 150, 200}[city]
                    + (garden ? 40 : 0)
                    + 0.5 * area
                    + 10 * random.nextGaussian()));
        }
        return Dataset.regression("houses", x, price)
                .withNames(List.of("rooms", "city", "garden", "area"), List.of("price"))
                .withTable(List.of(
                        new TableColumn("rooms", ColumnType.NUMBER, List.of(), Missing.MEDIAN, null, Unseen.ZEROS),
                        new TableColumn("city", ColumnType.CATEGORY, CITIES, Missing.MOST_FREQUENT, null, Unseen.ZEROS),
                        new TableColumn(
                                "garden",
                                ColumnType.BOOLEAN,
                                TableColumn.BOOLEAN_LEVELS,
                                Missing.MOST_FREQUENT,
                                null,
                                Unseen.ZEROS),
                        new TableColumn("area", ColumnType.NUMBER, List.of(), Missing.MEAN, null, Unseen.ZEROS)));
    }

    /** {@return raw test row {@code r} by column name, as a DataFrame would hold it: null for a missing cell} */
    static Map<String, Object> row(int r) {
        float[] x = RAW_TEST.features().row(r);
        Map<String, Object> row = new HashMap<>();
        row.put("rooms", Float.isNaN(x[0]) ? null : (double) x[0]);
        row.put("city", Float.isNaN(x[1]) ? null : CITIES.get((int) x[1]));
        row.put("garden", x[2] == 1);
        row.put("area", (double) x[3]);
        return row;
    }
}
