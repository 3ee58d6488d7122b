package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** Reads PNG files as a person would see them: their size and the colours they show. */
final class Pngs {
    private Pngs() {}

    /** The image in {@code file}, which must be a readable PNG. */
    static BufferedImage read(Path file) throws IOException {
        assertThat(file).as("%s exists", file).isRegularFile();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("%s is an image ImageIO can read", file).isNotNull();
        return image;
    }

    /** How many pixels have each colour (RGB, alpha ignored). */
    static Map<Integer, Integer> colours(BufferedImage image) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                counts.merge(image.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Checks that {@code file} is a PNG of at least the given size that is not blank: many colours, none covering it all. */
    static BufferedImage assertDrawn(Path file, int minWidth, int minHeight) throws IOException {
        BufferedImage image = read(file);
        assertThat(image.getWidth()).as("%s width", file).isGreaterThanOrEqualTo(minWidth);
        assertThat(image.getHeight()).as("%s height", file).isGreaterThanOrEqualTo(minHeight);
        Map<Integer, Integer> colours = colours(image);
        assertThat(colours.size()).as("distinct colours in %s", file).isGreaterThanOrEqualTo(8);
        int pixels = image.getWidth() * image.getHeight();
        int commonest = colours.values().stream().max(Integer::compare).orElseThrow();
        assertThat(commonest).as("pixels of the commonest colour in %s", file).isLessThan(pixels * 97 / 100);
        return image;
    }

    /** The pixels of {@code image} with exactly this colour. */
    static int count(BufferedImage image, int rgb) {
        return colours(image).getOrDefault(rgb & 0xFFFFFF, 0);
    }

    /** A colour mixed with three parts white, as the boundary's regions are painted. */
    static int pale(int rgb) {
        int r = ((rgb >> 16 & 0xFF) + 3 * 255) / 4;
        int g = ((rgb >> 8 & 0xFF) + 3 * 255) / 4;
        int b = ((rgb & 0xFF) + 3 * 255) / 4;
        return r << 16 | g << 8 | b;
    }
}
