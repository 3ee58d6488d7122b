package dev.nn.api;

/**
 * The version of this SPI, which a plugin jar declares so that an nn it does not fit can say so
 * before loading any of its classes.
 *
 * <p>A plugin states the SPI it was compiled against in its jar manifest:
 * <pre>
 * Nn-Spi-Version: 1.5
 * </pre>
 * The version is {@code MAJOR.MINOR}. A minor step only adds (new default methods, new value
 * types), so a plugin runs on any nn with the same major version and the same or a higher minor
 * version; a major step may remove or change what plugins call. A jar without the attribute is
 * loaded without the check.
 */
public final class Spi {
    /** The SPI version of this nn-api. */
    public static final String VERSION = "1.5";

    /** The jar manifest attribute a plugin declares its SPI version in. */
    public static final String MANIFEST_ATTRIBUTE = "Nn-Spi-Version";

    private Spi() {}

    /**
     * Why a plugin declaring SPI {@code declared} cannot run on this nn, or null when it can.
     *
     * @param declared the value of the plugin's {@value #MANIFEST_ATTRIBUTE} attribute
     * @return why it does not fit, or null when it does
     */
    public static String incompatibility(String declared) {
        int[] mine = parse(VERSION);
        int[] theirs = parse(declared == null ? "" : declared.trim());
        if (theirs == null) {
            return MANIFEST_ATTRIBUTE + " '" + declared + "' is not a version such as " + VERSION;
        }
        if (theirs[0] < mine[0]) {
            return "it was built for nn SPI " + declared.trim() + ", which this nn (SPI " + VERSION
                    + ") no longer supports; rebuild the plugin against this nn's nn-api";
        }
        if (theirs[0] > mine[0] || theirs[1] > mine[1]) {
            return "it was built for nn SPI " + declared.trim() + ", newer than this nn's SPI " + VERSION
                    + "; run it on a newer nn, or build the plugin against this nn's nn-api";
        }
        return null;
    }

    private static int[] parse(String version) {
        if (!version.matches("\\d{1,6}\\.\\d{1,6}")) {
            return null;
        }
        int dot = version.indexOf('.');
        return new int[] {Integer.parseInt(version.substring(0, dot)), Integer.parseInt(version.substring(dot + 1))};
    }
}
