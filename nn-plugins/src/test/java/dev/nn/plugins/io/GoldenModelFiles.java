package dev.nn.plugins.io;

import static dev.nn.plugins.Activations.leakyRelu;
import static dev.nn.plugins.Initializers.uniform;
import static dev.nn.plugins.Layers.batchNorm;
import static dev.nn.plugins.Layers.dense;
import static dev.nn.plugins.Layers.dropout;
import static dev.nn.plugins.Losses.mse;
import static dev.nn.plugins.Losses.softmaxCrossEntropy;
import static dev.nn.plugins.Optimizers.adam;
import static dev.nn.plugins.Optimizers.sgd;

import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.api.Split;
import dev.nn.core.ModelFile;
import dev.nn.core.Network;
import dev.nn.core.SavedModel;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.train.Trainer;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.tables.Houses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the golden model file of the current format, {@code src/test/resources/models/format-N.zip},
 * which {@link GoldenModelFileTest} keeps loading forever after. Format 2's network has a
 * {@code batch_norm} layer, so its file holds buffers (running statistics) too; format 3's is a
 * regression on a table ({@link Houses}) with a category column, standardised features and
 * standardised targets, so its file holds a table encoding and a target scaling.
 *
 * <p>Run it by hand, once per new format version, never from the build (it is not a test, and it
 * refuses to overwrite a file): from the repository root,
 * <pre>
 * ./mvnw -o -q -pl nn-plugins -am test-compile
 * ./mvnw -o -q -pl nn-plugins dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java --add-modules jdk.incubator.vector -cp nn-plugins/target/test-classes:nn-plugins/target/classes:nn-core/target/classes:nn-api/target/classes:$(cat /tmp/cp.txt) \
 *     dev.nn.plugins.io.GoldenModelFiles nn-plugins/src/test/resources/models/format-3.zip
 * </pre>
 * and paste the printed predictions into {@link GoldenModelFileTest}.
 */
final class GoldenModelFiles {
    /** Raw inputs the golden test predicts: near the centres of classes 0, 1 and 2, and one between them. */
    static final float[][] INPUTS = {
        {-3.6f, -4.7f, 2.9f, 0.0f},
        {-6.7f, 1.0f, -8.0f, 5.8f},
        {-3.1f, 9.1f, -6.6f, -5.0f},
        {-4.5f, 1.8f, -3.9f, 0.3f},
    };
    /** The fixed provenance of the golden file, so the test can compare it field by field. */
    static final String CREATED = "2025-01-01T00:00:00Z";

    /**
     * {@return raw table rows the format 3 golden test predicts, by column name: every column given,
     * a missing rooms, city and garden, Lyon (never seen in training), and numbers given as text}
     */
    static List<Map<String, Object>> tableRows() {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        rows.add(row(3, "Paris", true, 65.0));
        rows.add(row(null, "Berlin", false, 110.5));
        rows.add(row(5, null, null, 104.0));
        rows.add(row("2", "Lyon", "no", "45.25"));
        return rows;
    }

    private static Map<String, Object> row(Object rooms, Object city, Object garden, Object area) {
        Map<String, Object> row = new HashMap<>();
        row.put("rooms", rooms);
        row.put("city", city);
        row.put("garden", garden);
        row.put("area", area);
        return row;
    }

    private GoldenModelFiles() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GoldenModelFiles OUTPUT.zip (see the class comment)");
        }
        Path out = Path.of(args[0]);
        if (Files.exists(out)) {
            throw new IllegalArgumentException(
                    out + " exists; a golden file is never regenerated, add a new format version instead");
        }
        table(out);
    }

    /** Format 3's: a regression on a table, with its encoding and target scaling. */
    private static void table(Path out) throws IOException {
        Split split = Houses.withTest(120, 40, 13)
                .split(0, 17)
                .encodeTable()
                .standardize()
                .standardizeTargets();
        long seed = 19;
        Network net = Network.builder(split.inputSize())
                .add(dense(6).activation("tanh"))
                .add(dense(1))
                .loss(mse())
                .seed(seed)
                .threads(1)
                .targetScaling(split.preprocessing().targetSteps())
                .build();
        Trainer.builder().optimizer(adam(0.01)).batchSize(16).epochs(8).build().fit(net, split.train());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "golden-table");
        config.put("seed", 19);
        config.put("train", Map.of("optimizer", Map.of("adam", Map.of("lr", 0.01)), "epochs", 8));
        ModelInfo info = new ModelInfo(
                List.of(),
                split.preprocessing(),
                config,
                "0.1.0-SNAPSHOT",
                seed,
                net.engine().name(),
                split.train().checksum(),
                CREATED);
        ModelFile.save(net, info, out);

        SavedModel loaded = ModelFile.load(out);
        System.out.println("engine " + net.engine().name() + ", data checksum " + info.dataChecksum());
        for (Map<String, Object> row : tableRows()) {
            System.out.println(String.format(Locale.ROOT, "%sf,", loaded.predict(row)[0]));
        }
        System.out.println(loaded.network().summary());
        System.out.println(info.preprocessing());
    }

    /** How format-2.zip was made (kept for the record; a golden file is never made again). */
    static void format2(Path out) throws IOException {
        Dataset blobs = Datasets.blobs(240, 3, 4, 1.0, 11);
        Split split = blobs.split(0.25, 11).standardize();
        long seed = 7;
        Network net = Network.builder(4)
                .add(dense(6).init(uniform(-1, 1)).activation(leakyRelu(0.05)))
                .add(batchNorm())
                .add(dropout(0.1))
                .add(dense(3))
                .loss(softmaxCrossEntropy())
                .seed(seed)
                .build();
        Trainer.builder()
                .optimizer(sgd(0.1).momentum(0.5))
                .batchSize(16)
                .epochs(5)
                .build()
                .fit(net, split.train());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "golden");
        config.put("seed", 7);
        config.put("data", Map.of("dataset", Map.of("blobs", Map.of("samples", 240, "centers", 3, "features", 4))));
        config.put("train", Map.of("optimizer", Map.of("sgd", Map.of("lr", 0.1, "momentum", 0.5)), "epochs", 5));
        ModelInfo info = new ModelInfo(
                blobs.classNames(),
                split.preprocessing(),
                config,
                "0.1.0-SNAPSHOT",
                seed,
                net.engine().name(),
                split.train().checksum(),
                CREATED);
        ModelFile.save(net, info, out);

        SavedModel loaded = ModelFile.load(out);
        Matrix p = loaded.predict(Matrix.of(INPUTS));
        System.out.println("engine " + net.engine().name() + ", data checksum " + info.dataChecksum());
        System.out.println("classes " + Arrays.toString(loaded.predictClasses(Matrix.of(INPUTS))));
        for (int r = 0; r < p.rows(); r++) {
            StringBuilder row = new StringBuilder("{");
            for (int c = 0; c < p.cols(); c++) {
                row.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%sf", p.get(r, c)));
            }
            System.out.println(row.append("},"));
        }
        System.out.println(loaded.network().summary());
        System.out.println(info.preprocessing().steps());
        System.out.println(net.buffers());
    }
}
