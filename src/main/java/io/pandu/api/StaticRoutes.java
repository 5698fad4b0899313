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
import java.util.Properties;

/** The web UI ({@code web/}, index at {@code /}), the contract and its docs page (Swagger UI) at {@code /docs}. */
final class StaticRoutes {
    private static final String SWAGGER = "META-INF/resources/webjars/swagger-ui/";

    private StaticRoutes() {
    }

    static void mount(Router router, Path web) {
        String contract = resource("openapi.yaml");
        String docs = resource("api/docs.html");
        router.get("/openapi.yaml").handler(rc -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml")
                .end(contract));
        // "/docs" matches "/docs/" as well; the page links its assets absolutely
        router.get("/docs").handler(rc -> rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .end(docs));
        router.get("/docs/*").handler(StaticHandler.create(SWAGGER + swaggerVersion()).setCachingEnabled(true));
        StaticHandler files = web.isAbsolute() ? StaticHandler.create(FileSystemAccess.ROOT, web.toString())
                : StaticHandler.create(web.toString());
        router.get("/*").handler(files.setIndexPage("index.html").setCachingEnabled(false));
    }

    private static String swaggerVersion() {
        Properties props = new Properties();
        try (InputStream in = StaticRoutes.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the Swagger UI WebJar is missing from the class path");
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
