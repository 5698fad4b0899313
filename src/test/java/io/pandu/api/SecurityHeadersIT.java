package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Every response carries the security headers; API responses are never cached. */
class SecurityHeadersIT {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http;

    @Test
    void anApiCallHasThemAndIsNotCached() {
        Http.Response r = http.get("/api/v1/me", server.token("rep.a"));
        r.ok();
        assertCommon(r);
        assertEquals("no-store", r.header("Cache-Control"));
        assertUiPolicy(r);
    }

    @Test
    void errorsHaveThem() {
        Http.Response unauthorized = http.get("/api/v1/deals", null);
        unauthorized.problem(401);
        assertCommon(unauthorized);
        assertEquals("no-store", unauthorized.header("Cache-Control"));
        Http.Response bad = http.post("/api/v1/auth/login", null, "{\"username\":\"rep.a\"}");
        bad.problem(400);
        assertCommon(bad);
        Http.Response nowhere = http.get("/no/such/page", null);
        assertEquals(404, nowhere.status());
        assertCommon(nowhere);
    }

    @Test
    void theWebUiHasThemWithAStrictPolicy() {
        Http.Response r = http.get("/", null);
        assertEquals(200, r.status());
        assertTrue(r.text().contains("type=\"module\""), r.text());
        assertCommon(r);
        assertUiPolicy(r);
        assertNull(r.header("Cache-Control"), "the web UI's caching is the static handler's");
        assertCommon(http.get("/app.js", null));
    }

    @Test
    void theDocsHaveTheirOwnPolicy() {
        Http.Response r = http.get("/docs", null);
        assertEquals(200, r.status());
        assertCommon(r);
        String csp = r.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self';"), csp);
        assertTrue(csp.contains("style-src 'self' 'unsafe-inline'"), csp);
        assertFalse(r.text().contains("<script>"), "no inline script: " + r.text());
        Http.Response init = http.get("/docs/pandu-init.js", null);
        assertEquals(200, init.status());
        assertTrue(init.text().contains("SwaggerUIBundle"), init.text());
        assertCommon(http.get("/docs/swagger-ui-bundle.js", null));
    }

    private static void assertCommon(Http.Response r) {
        assertEquals("DENY", r.header("X-Frame-Options"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("no-referrer", r.header("Referrer-Policy"));
        String csp = r.header("Content-Security-Policy");
        assertTrue(csp != null && csp.contains("frame-ancestors 'none'"), String.valueOf(csp));
    }

    @Test
    void theWebUisImportMapIsItsOnlyInlineScriptAdmittedByItsHashAndEveryModuleItNamesIsServed()
            throws Exception {
        String index = http.get("/", null).text();
        String open = "<script type=\"importmap\">";
        int start = index.indexOf(open) + open.length();
        String map = index.substring(start, index.indexOf("</script>", start));
        String hash =
                Base64.getEncoder()
                        .encodeToString(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(map.getBytes(StandardCharsets.UTF_8)));
        String csp = http.get("/", null).header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self' 'sha256-" + hash + "';"), csp);
        assertEquals(
                2, index.split("<script", -1).length - 1, "the import map and the app module only");
        JsonNode imports = new ObjectMapper().readTree(map).get("imports");
        assertTrue(imports.size() >= 10, map);
        for (JsonNode url : (Iterable<JsonNode>) imports::elements) {
            Http.Response module = http.get(url.asText(), null);
            assertEquals(200, module.status(), url.asText());
            assertTrue(module.header("Content-Type").contains("javascript"), url.asText());
            assertTrue(module.text().contains("export"), url.asText());
        }
    }

    private static void assertUiPolicy(Http.Response r) {
        String csp = r.header("Content-Security-Policy");
        assertTrue(csp.matches(".*script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')?;.*"), csp);
        assertTrue(csp.contains("style-src 'self';"), csp);
        assertFalse(csp.contains("unsafe"), csp);
    }
}
