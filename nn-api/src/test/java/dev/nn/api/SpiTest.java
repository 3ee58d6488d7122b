package dev.nn.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SpiTest {

    @Test
    void theSameMajorVersionWithAnOlderOrEqualMinorIsCompatible() {
        assertThat(Spi.incompatibility(Spi.VERSION)).isNull();
        assertThat(Spi.incompatibility(" " + Spi.VERSION + " ")).isNull();
        int major = Integer.parseInt(Spi.VERSION.substring(0, Spi.VERSION.indexOf('.')));
        assertThat(Spi.incompatibility(major + ".0")).isNull();
    }

    @Test
    void aNewerMinorOrMajorVersionIsRejectedSayingWhatToDo() {
        assertThat(Spi.incompatibility("1.7"))
                .isEqualTo("it was built for nn SPI 1.7, newer than this nn's SPI 1.5;"
                        + " run it on a newer nn, or build the plugin against this nn's nn-api");
        assertThat(Spi.incompatibility("2.0")).contains("newer than this nn's SPI 1.5");
    }

    @Test
    void anOlderMajorVersionIsRejected() {
        assertThat(Spi.incompatibility("0.9"))
                .isEqualTo("it was built for nn SPI 0.9, which this nn (SPI 1.5) no longer"
                        + " supports; rebuild the plugin against this nn's nn-api");
    }

    @Test
    void somethingThatIsNotAVersionIsRejected() {
        assertThat(Spi.incompatibility("one")).isEqualTo("Nn-Spi-Version 'one' is not a version such as 1.5");
        assertThat(Spi.incompatibility("1")).contains("is not a version");
        assertThat(Spi.incompatibility("")).contains("is not a version");
    }

    @Test
    void theConstantIsTheVersionTheBuildWritesIntoTheManifest() throws IOException {
        Properties built = new Properties();
        try (InputStream in = SpiTest.class.getResourceAsStream("/spi.properties")) {
            built.load(in);
        }
        assertThat(built.getProperty("manifest.version")).isEqualTo(Spi.VERSION);
    }
}
