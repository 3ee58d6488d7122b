package dev.nn.runner.pipeline;

import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import javax.imageio.ImageIO;

/** Writes run-folder files atomically: a reader sees the old file or the new one, never half of one. */
public final class RunFiles {
    private RunFiles() {
    }

    /**
     * Writes {@code text} as UTF-8, atomically.
     *
     * @param file the file
     * @param text the text
     * @throws IOException if it cannot be written
     */
    public static void writeString(Path file, String text) throws IOException {
        write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes {@code image} as a PNG file.
     *
     * @param file  the file
     * @param image the image
     * @throws IOException if it cannot be written
     */
    public static void writePng(Path file, RenderedImage image) throws IOException {
        write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer for this image");
            }
        });
    }

    /**
     * Writes whatever {@code content} puts out to a temporary file beside {@code file}, then moves it into place.
     *
     * @param file    the file
     * @param content what to write
     * @throws IOException if it cannot be written
     */
    public static void write(Path file, Content content) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // A temp file is private (rw-------); a run's files are for everyone who may read the folder.
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** What a file holds, written to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out where to
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }
}
