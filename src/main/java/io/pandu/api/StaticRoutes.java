package io.pandu.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The web UI ({@code web/}, index at {@code /}) and its libraries ({@code /webjars/}), the contract
 * and its docs page (Swagger UI) at {@code /docs}.
 */
final class StaticRoutes {
    private static final String WEBJARS = "META-INF/resources/webjars/";
    private static final String SWAGGER = WEBJARS + "swagger-ui/";

    /** The CodeMirror 6 packages and what they import, as their WebJars name them. */
    static final List<String> EDITOR_WEBJARS =
            List.of(
                    "codemirror__state",
                    "codemirror__view",
                    "codemirror__language",
                    "codemirror__commands",
                    "codemirror__lint",
                    "codemirror__search",
                    "lezer__common",
                    "lezer__highlight",
                    "style-mod",
                    "w3c-keyname",
                    "crelt",
                    "marijn__find-cluster-break");

    private StaticRoutes() {}

    static void mount(Router router, Path web) {
        String contract = resource("openapi.yaml");
        String docs = resource("api/docs.html");
        String docsInit = resource("api/docs-init.js");
        router.get("/openapi.yaml")
                .handler(
                        rc ->
                                rc.response()
                                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml")
                                        .end(contract));
        // "/docs" matches "/docs/" as well; the page links its assets absolutely
        router.get("/docs")
                .handler(
                        rc ->
                                rc.response()
                                        .putHeader(
                                                HttpHeaders.CONTENT_TYPE,
                                                "text/html; charset=utf-8")
                                        .end(docs));
        router.get("/docs/pandu-init.js")
                .handler(
                        rc ->
                                rc.response()
                                        .putHeader(
                                                HttpHeaders.CONTENT_TYPE,
                                                "text/javascript; charset=utf-8")
                                        .end(docsInit));
        router.get("/docs/*")
                .handler(
                        StaticHandler.create(SWAGGER + webjarVersion("org.webjars", "swagger-ui"))
                                .setCachingEnabled(true));
        // the web UI's libraries, without their version in the URL:
        // /webjars/uplot/dist/uPlot.esm.js
        router.get("/webjars/uplot/*")
                .handler(
                        StaticHandler.create(
                                        WEBJARS
                                                + "uplot/"
                                                + webjarVersion("org.webjars.npm", "uplot"))
                                .setCachingEnabled(true));
        // the studio's code editor (CodeMirror 6), one route per package, named by web/index.html's
        // import map: /webjars/codemirror__view/dist/index.js
        for (String artifact : EDITOR_WEBJARS) {
            router.get("/webjars/" + artifact + "/*")
                    .handler(
                            StaticHandler.create(
                                            WEBJARS
                                                    + artifact
                                                    + "/"
                                                    + webjarVersion("org.webjars.npm", artifact))
                                    .setCachingEnabled(true));
        }
        StaticHandler files =
                web.isAbsolute()
                        ? StaticHandler.create(FileSystemAccess.ROOT, web.toString())
                        : StaticHandler.create(web.toString());
        router.get("/*").handler(files.setIndexPage("index.html").setCachingEnabled(false));
    }

    private static String webjarVersion(String group, String artifact) {
        Properties props = new Properties();
        try (InputStream in =
                StaticRoutes.class.getResourceAsStream(
                        "/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "the " + artifact + " WebJar is missing from the class path");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("version");
    }

    private static String resource(String name) {
        try (InputStream in = StaticRoutes.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
