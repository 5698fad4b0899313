package io.pandu.app;

import io.pandu.errors.InvalidInputException;
import io.pandu.errors.PanduException;
import io.pandu.ingest.TempDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where the rules and playbooks are: the folder asked for (which must exist), else {@code ./rules}
 * and {@code ./playbooks}, else the copies packed into the jar ({@code pandu/rules}, {@code
 * pandu/playbooks} on the class path), extracted to a temporary directory that is deleted when the
 * process ends. So the jar runs from any directory.
 */
public final class BundledKnowledge {
    private static final String ROOT = "/pandu/";
    private static Path extracted;

    private BundledKnowledge() {}

    /**
     * The folder to load {@code name} ("rules" or "playbooks") from.
     *
     * @param asked the folder given by option or environment; null when none was
     * @param askedBy how it is given, for the error ({@code --rules}, {@code PANDU_RULES})
     * @param say where the choice of the bundled copy is reported (stderr)
     */
    public static Path folder(String name, Path asked, String askedBy, Consumer<String> say) {
        if (asked != null) {
            if (!Files.isDirectory(asked)) {
                throw new InvalidInputException(
                        name,
                        "no such folder: "
                                + asked.toAbsolutePath().normalize()
                                + " (check "
                                + askedBy
                                + ", or leave it out for ./"
                                + name
                                + " or the copy bundled in the jar)");
            }
            return asked;
        }
        Path local = Path.of(name);
        if (Files.isDirectory(local)) {
            return local;
        }
        Path copy = extract(name);
        say.accept(
                "No ./"
                        + name
                        + " folder here: using the "
                        + name
                        + " bundled in the jar, copied to "
                        + copy
                        + " ("
                        + askedBy
                        + " picks a folder)");
        return copy;
    }

    private static synchronized Path extract(String name) {
        URL url = BundledKnowledge.class.getResource(ROOT + name);
        if (url == null) {
            throw new PanduException(
                    404,
                    "not-found",
                    "no ./" + name + " folder here, and none bundled in this build");
        }
        try {
            if (extracted == null) {
                Path dir = Files.createTempDirectory("pandu-bundled-");
                Runtime.getRuntime()
                        .addShutdownHook(
                                new Thread(
                                        () -> TempDirectories.deleteQuietly(dir),
                                        "pandu-bundled-cleanup"));
                extracted = dir;
            }
            Path target = extracted.resolve(name);
            if (Files.isDirectory(target)) {
                return target;
            }
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                }
                copyTree(jar.provider().getPath(uri), target);
            } else {
                copyTree(Path.of(uri), target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled " + name, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path to = target;
                for (Path part : source.relativize(p)) {
                    to = to.resolve(part.toString());
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }
}
