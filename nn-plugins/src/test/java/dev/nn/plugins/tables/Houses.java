package dev.nn.plugins.tables;

import dev.nn.api.ColumnType;
import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.api.Missing;
import dev.nn.api.TableColumn;
import dev.nn.api.Unseen;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small table made in the test, as the csv reader would give it: a price to predict from a number
 * of rooms (some missing), a city (a category, some missing), a garden (a boolean, some missing)
 * and an area. Training rows have three cities; test rows ({@link #withTest}) a fourth too, Lyon,
 * which training never sees. {@link #csv} writes the same rows as text.
 */
public final class Houses {
    /** The cities by code, in order of first appearance. */
    public static final List<String> CITIES = List.of("Paris", "Berlin", "Rome", "Lyon");

    private Houses() {}

    /** {@return the input columns: rooms (median), city, garden, area} */
    public static List<TableColumn> columns() {
        return List.of(
                new TableColumn("rooms", ColumnType.NUMBER, List.of(), Missing.MEDIAN, null, Unseen.ZEROS),
                new TableColumn("city", ColumnType.CATEGORY, CITIES, Missing.MOST_FREQUENT, null, Unseen.ZEROS),
                new TableColumn(
                        "garden",
                        ColumnType.BOOLEAN,
                        List.of("false", "true"),
                        Missing.MOST_FREQUENT,
                        null,
                        Unseen.ZEROS),
                new TableColumn("area", ColumnType.NUMBER, List.of(), Missing.MEAN, null, Unseen.ZEROS));
    }

    /**
     * {@return {@code n} rows of the raw table, the same for the same seed}
     *
     * @param n    the rows
     * @param seed seeds the values
     */
    public static Dataset raw(int n, long seed) {
        return dataset("houses", rows(n, seed, false));
    }

    /**
     * {@return {@link #raw} with a fixed test split of {@code testRows} rows in which every fourth city is Lyon}
     *
     * @param n        the training rows
     * @param testRows the test rows
     * @param seed     seeds the values
     */
    public static Dataset withTest(int n, int testRows, long seed) {
        return raw(n, seed).withTest(dataset("houses-test", rows(testRows, seed + 1, true)));
    }

    private static Dataset dataset(String name, float[][] rows) {
        int n = rows.length;
        Matrix x = new Matrix(n, 4);
        Matrix price = new Matrix(n, 1);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < 4; c++) {
                x.set(r, c, rows[r][c]);
            }
            price.set(r, 0, rows[r][4]);
        }
        return Dataset.regression(name, x, price)
                .withNames(List.of("rooms", "city", "garden", "area"), List.of("price"))
                .withTable(columns());
    }

    /** Rows of rooms, city code, garden, area, price; NaN for a missing cell. */
    private static float[][] rows(int n, long seed, boolean lyon) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] rows = new float[n][];
        for (int r = 0; r < n; r++) {
            int rooms = 1 + random.nextInt(6);
            int city = lyon && r % 4 == 1 ? 3 : random.nextInt(3);
            boolean garden = random.nextBoolean();
            float area = (float) (20 * rooms + 10 * random.nextDouble());
            float price = (float) (50 * rooms
                    + new double[] {300, 150, 200, 180}[city]
                    + (garden ? 40 : 0)
                    + 0.5 * area
                    + 10 * random.nextGaussian());
            rows[r] = new float[] {
                r % 7 == 3 ? Float.NaN : rooms,
                r % 11 == 5 ? Float.NaN : city,
                r % 5 == 2 ? Float.NaN : garden ? 1 : 0,
                area,
                price
            };
        }
        return rows;
    }

    /**
     * {@return the rows of {@link #raw} (or, with {@code test}, of {@link #withTest}'s test split) as
     * CSV text with a header, empty and {@code NA} cells for missing ones, the cities as words and
     * the garden as yes/no}
     *
     * @param n    the rows
     * @param seed seeds the values (as given to {@link #raw} or {@link #withTest})
     * @param test the test split's rows (with Lyon) instead of the training rows
     */
    public static String csv(int n, long seed, boolean test) {
        StringBuilder sb = new StringBuilder("rooms,city,garden,area,price\n");
        for (float[] row : rows(n, test ? seed + 1 : seed, test)) {
            sb.append(Float.isNaN(row[0]) ? "NA" : Integer.toString((int) row[0]))
                    .append(',');
            sb.append(Float.isNaN(row[1]) ? "" : CITIES.get((int) row[1])).append(',');
            sb.append(Float.isNaN(row[2]) ? "" : row[2] == 1 ? "yes" : "no").append(',');
            sb.append(String.format(Locale.ROOT, "%s,%s%n", row[3], row[4]));
        }
        return sb.toString();
    }
}
