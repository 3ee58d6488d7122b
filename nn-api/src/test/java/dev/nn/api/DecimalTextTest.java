package dev.nn.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalTextTest {

    /** What Float.parseFloat makes of a text the grammar takes (it is the reference for every such text). */
    private static void agrees(String text) {
        float expected = Float.parseFloat(text);
        float actual = DecimalText.parse(text);
        assertThat(Float.floatToRawIntBits(actual))
                .as("%s: expected %s, got %s", text, expected, actual)
                .isEqualTo(Float.floatToRawIntBits(expected));
    }

    @Test
    void roundsEveryNumberAsFloatParseFloatDoes() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 300_000; i++) {
            agrees(Float.toString(Float.intBitsToFloat(random.nextInt())).replace("Infinity", "1e39"));
            double d = random.nextDouble() * Math.pow(10, random.nextInt(-40, 40));
            agrees(Double.toString(d));
            agrees(String.format(Locale.ROOT, "%." + random.nextInt(0, 12) + "f", random.nextDouble(-1e6, 1e6)));
            agrees(String.format(Locale.ROOT, "%." + random.nextInt(0, 20) + "e", d));
            agrees(randomDigits(random));
        }
    }

    /** Up to 30 digits with a point anywhere and any exponent: long mantissas and near-halfway cases. */
    private static String randomDigits(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        if (random.nextBoolean()) {
            sb.append(random.nextBoolean() ? '-' : '+');
        }
        int digits = random.nextInt(1, 30);
        int point = random.nextInt(-1, digits + 1);
        for (int i = 0; i < digits; i++) {
            if (i == point) {
                sb.append('.');
            }
            sb.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextInt(3) == 0) {
            sb.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(-50, 50));
        }
        return sb.toString();
    }

    @Test
    void halfwayCasesAndTheEdgesOfTheRangeAgree() {
        for (float f : new float[] {1f, 0.1f, Float.MAX_VALUE, Float.MIN_NORMAL, Float.MIN_VALUE, 16777216f, 3e-38f}) {
            double up = f + Math.ulp(f) / 2.0;
            for (double d : new double[] {up, Math.nextUp(up), Math.nextDown(up), f}) {
                agrees(new java.math.BigDecimal(d).toPlainString());
                agrees(Double.toString(d));
            }
        }
        for (String s : List.of(
                "16777217",
                "16777219",
                "0.000000000000000000000000000000000000000000001",
                "3.4028235677973366e38",
                "3.4028235677973362e38",
                "340282356779733661637539395458142568448",
                "1e-46",
                "7e-46",
                "1e-45",
                "0",
                "-0",
                "000123",
                "0.000",
                "-.5",
                "+5.",
                "1E+5",
                "123456789012345678901234567890e-20",
                "9999999999999999999999",
                "1e100000000",
                "1e-100000000")) {
            agrees(s);
        }
    }

    @Test
    void longNumbersNextToAMidpointBetweenTwoFloatsAgree() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt(0x0080_0000, 0x7f00_0000));
            java.math.BigDecimal midpoint =
                    new java.math.BigDecimal(f).add(new java.math.BigDecimal(Math.ulp(f) / 2.0));
            int digits = random.nextInt(15, 24);
            for (java.math.RoundingMode mode : new java.math.RoundingMode[] {
                java.math.RoundingMode.UP, java.math.RoundingMode.DOWN, java.math.RoundingMode.HALF_EVEN
            }) {
                java.math.BigDecimal near = midpoint.round(new java.math.MathContext(digits, mode));
                agrees(near.toString());
                agrees(near.toPlainString().length() < 80 ? near.toPlainString() : near.toString());
            }
        }
    }

    @Test
    void anythingButDecimalOrScientificNotationIsNaN() {
        for (String s : List.of(
                "",
                " 1",
                "1 ",
                "-",
                "+",
                ".",
                "e5",
                "1e",
                "1e+",
                "1.2.3",
                "1,5",
                "NaN",
                "Infinity",
                "-Infinity",
                "0x1p3",
                "1f",
                "1d",
                "--1",
                "1e5.5",
                "١٢",
                "12abc",
                "1_000")) {
            assertThat(DecimalText.parse(s)).as("'%s'", s).isNaN();
        }
    }
}
