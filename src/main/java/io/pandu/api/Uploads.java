package io.pandu.api;

import io.pandu.ingest.TempDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where uploaded files go: a fresh temporary directory per server (only its owner may read it,
 * unlike Vert.x's default {@code ./file-uploads} in the working directory), deleted with everything
 * left in it when the server stops. Each upload is deleted at the end of its request already; this
 * catches what a dropped connection leaves behind.
 */
public final class Uploads implements AutoCloseable {
    private final Path root;

    private Uploads(Path root) {
        this.root = root;
    }

    public static Uploads create() {
        try {
            return new Uploads(Files.createTempDirectory("pandu-uploads-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for uploads", e);
        }
    }

    /** The directory uploads are streamed to (e.g. for a test that checks nothing is left). */
    public Path root() {
        return root;
    }

    /**
     * A new empty directory for one request's files, on the same file system as the uploads (so
     * moving them is a rename).
     */
    Path newDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(root, prefix);
    }

    @Override
    public void close() {
        TempDirectories.deleteQuietly(root);
    }
}
