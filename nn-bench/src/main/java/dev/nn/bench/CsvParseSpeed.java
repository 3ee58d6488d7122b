package dev.nn.bench;

import dev.nn.api.ColumnType;
import dev.nn.api.Dataset;
import dev.nn.plugins.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * nn's side of {@code bench/csv_parse_bench.py}: loads the script's generated table through the
 * {@code csv} dataset (the registry, its option checks, the one-pass reader), as a pipeline's
 * {@code data.dataset: {csv: {path: FILE, target: price, drop: [id]}}} does, and exits. Prints the
 * shape, the column types and the load's own time; the script times the whole process.
 *
 * <pre>{@code java -cp nn-bench/target/benchmarks.jar dev.nn.bench.CsvParseSpeed FILE [TARGET] [DROP]}</pre>
 */
public final class CsvParseSpeed {
    private CsvParseSpeed() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String target = args.length > 1 ? args[1] : "price";
        String drop = args.length > 2 ? args[2] : "id";
        long start = System.nanoTime();
        Dataset d = Datasets.csv(file, Map.of("target", target, "drop", List.of(drop)));
        double seconds = (System.nanoTime() - start) / 1e9;
        long categories =
                d.table().stream().filter(c -> c.type() == ColumnType.CATEGORY).count();
        long booleans =
                d.table().stream().filter(c -> c.type() == ColumnType.BOOLEAN).count();
        int levels = d.table().stream().mapToInt(c -> c.levels().size()).sum();
        System.out.printf(
                Locale.ROOT,
                "%d rows x %d columns (%d category with %d levels, %d boolean, %d number; %s) in %.2f s, %.0f MB/s"
                        + " in-process%n",
                d.size(),
                d.inputSize(),
                categories,
                levels - 2 * booleans,
                booleans,
                d.inputSize() - categories - booleans,
                d.isClassification() ? d.numClasses() + " classes" : "regression",
                seconds,
                Files.size(file) / 1e6 / seconds);
    }
}
