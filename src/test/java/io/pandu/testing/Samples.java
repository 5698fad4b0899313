package io.pandu.testing;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Temporary: records responses (system property pandu.samples = a directory). */
final class Samples {
    private Samples() {}

    static synchronized void record(HttpRequest req, int status, String ct, String body) {
        String dir = System.getProperty("pandu.samples");
        if (dir == null) {
            return;
        }
        try {
            Path d = Path.of(dir);
            Files.createDirectories(d);
            String line =
                    req.method()
                            + "\t"
                            + req.uri().getRawPath()
                            + "\t"
                            + status
                            + "\t"
                            + ct
                            + "\t"
                            + (body == null ? "" : body.replace("\n", "\\n"))
                            + "\n";
            Files.writeString(
                    d.resolve("samples-" + ProcessHandle.current().pid() + ".tsv"),
                    line,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
