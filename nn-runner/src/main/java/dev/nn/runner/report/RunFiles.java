package dev.nn.runner.report;

import dev.nn.core.io.AtomicFile;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes run-folder files, and the files the commands write, through {@link AtomicFile}: a reader
 * sees the old file or the new one, never half of one, and a killed write leaves only a temporary
 * file that the next run in the folder removes.
 */
public final class RunFiles {
    private RunFiles() {}

    /**
     * Writes {@code text} as UTF-8, atomically.
     *
     * @param file the file
     * @param text the text
     * @throws IOException if it cannot be written
     */
    public static void writeString(Path file, String text) throws IOException {
        AtomicFile.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes {@code image} as a PNG file.
     *
     * @param file  the file
     * @param image the image
     * @throws IOException if it cannot be written
     */
    public static void writePng(Path file, RenderedImage image) throws IOException {
        AtomicFile.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer for this image");
            }
        });
    }
}
