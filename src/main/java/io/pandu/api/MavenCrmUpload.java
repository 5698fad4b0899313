package io.pandu.api;

import io.pandu.errors.InvalidInputException;
import io.pandu.facts.FieldChecks;
import io.pandu.ingest.MavenCrmReader;
import io.pandu.ingest.TempDirectories;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The Maven CRM CSVs as uploaded to {@code POST /api/v1/import/maven-crm}: a multipart/form-data
 * body with one file part per CSV, named as the file without {@code .csv}, and {@code asOf} in the
 * query. The router does not validate this request against the contract (see {@link
 * PipelineRoutes}), so it is checked here, each problem a 400 naming the part. By the time a
 * handler runs, the files are on disk ({@link RequestBodies} streamed them to the uploads
 * directory).
 */
final class MavenCrmUpload {
    static final String PATH = "/api/v1/import/maven-crm";
    private static final String MULTIPART = "multipart/form-data";

    /** Part name → the file name the reader expects, in the order a missing one is reported. */
    private static final Map<String, String> PARTS = new LinkedHashMap<>();

    static {
        for (String file :
                List.of(
                        MavenCrmReader.PIPELINE,
                        MavenCrmReader.TEAMS,
                        MavenCrmReader.ACCOUNTS,
                        MavenCrmReader.PRODUCTS)) {
            PARTS.put(file.substring(0, file.length() - ".csv".length()), file);
        }
    }

    private final Map<String, Path> files;
    private final LocalDate asOf;

    private MavenCrmUpload(Map<String, Path> files, LocalDate asOf) {
        this.files = files;
        this.asOf = asOf;
    }

    /** The router matches a path with a trailing slash too. */
    static boolean isPath(String path) {
        return path != null && (path.equals(PATH) || path.equals(PATH + "/"));
    }

    static boolean isMultipart(String contentType) {
        return contentType != null
                && contentType.regionMatches(true, 0, MULTIPART, 0, MULTIPART.length());
    }

    /** Checks the request; nothing here blocks, so it runs on the event loop. */
    static MavenCrmUpload of(RoutingContext rc) {
        String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (!isMultipart(type)) {
            throw new InvalidInputException(
                    "Content-Type",
                    "must be multipart/form-data with the file parts "
                            + String.join(", ", PARTS.keySet())
                            + ", not "
                            + (type == null ? "none" : type));
        }
        if (!type.toLowerCase(Locale.ROOT).contains("boundary=")) {
            // without one, the body is decoded as a URL-encoded form: report the cause, not its odd
            // effects
            throw new InvalidInputException(
                    "Content-Type", "multipart/form-data needs a boundary parameter");
        }
        LocalDate asOf = asOf(rc.queryParams().getAll("asOf"));
        String field = rc.request().formAttributes().names().stream().findFirst().orElse(null);
        if (field != null) {
            throw new InvalidInputException(
                    field,
                    PARTS.containsKey(field)
                            ? "must be a file (curl -F "
                                    + field
                                    + "=@"
                                    + PARTS.get(field)
                                    + "), not a text field"
                            : unknown());
        }
        Map<String, Path> files = new HashMap<>();
        for (FileUpload upload : rc.fileUploads()) {
            if (!PARTS.containsKey(upload.name())) {
                throw new InvalidInputException(upload.name(), unknown());
            }
            if (files.put(upload.name(), Path.of(upload.uploadedFileName())) != null) {
                throw new InvalidInputException(upload.name(), "is given more than once");
            }
        }
        for (Map.Entry<String, String> part : PARTS.entrySet()) {
            if (!files.containsKey(part.getKey())) {
                throw new InvalidInputException(
                        part.getKey(),
                        "is missing: upload "
                                + part.getValue()
                                + " as the file part "
                                + part.getKey());
            }
        }
        return new MavenCrmUpload(files, asOf);
    }

    private static String unknown() {
        return "is not a part of this upload; the parts are "
                + String.join(", ", PARTS.keySet())
                + " (asOf goes in the query)";
    }

    private static LocalDate asOf(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidInputException("asOf", "is given " + values.size() + " times");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(values.get(0));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    "asOf", "must be a date as YYYY-MM-DD, not \"" + values.get(0) + "\"");
        }
        FieldChecks.date(date, "asOf");
        return date;
    }

    /** The pipeline's as-of date; null means the last date in the data. */
    LocalDate asOf() {
        return asOf;
    }

    /**
     * Moves the uploaded files into a directory of their own under the names the reader expects,
     * runs {@code work} on it and deletes it. A file the reader rejects is reported at its part.
     * Blocking: call it on a worker thread.
     */
    <T> T importWith(Uploads uploads, Function<Path, T> work) throws IOException {
        Path dir = uploads.newDirectory("maven-crm-");
        try {
            for (Map.Entry<String, Path> file : files.entrySet()) {
                Files.move(file.getValue(), dir.resolve(PARTS.get(file.getKey())));
            }
            try {
                return work.apply(dir);
            } catch (InvalidInputException e) {
                throw atPart(e);
            }
        } finally {
            TempDirectories.deleteQuietly(dir);
        }
    }

    private static InvalidInputException atPart(InvalidInputException e) {
        for (Map.Entry<String, String> part : PARTS.entrySet()) {
            if (part.getValue().equals(e.field())) {
                return e.at(part.getKey());
            }
        }
        return e;
    }
}
