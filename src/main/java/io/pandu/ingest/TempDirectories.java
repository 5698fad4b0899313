package io.pandu.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories that imports read from: the bundled demo copy, uploaded CSVs. */
public final class TempDirectories {
    private TempDirectories() {}

    /**
     * Deletes {@code dir} and everything in it; what cannot be deleted stays (a temporary directory
     * left behind is harmless).
     */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // left for the operating system's clean-up of temporary files
        }
    }
}
