package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The web UI's import map is admitted by the hash of exactly its text, and nothing else is. */
class ImportMapTest {
    @Test
    void theHashIsOfTheTextBetweenTheTagsAsABrowserComputesIt() {
        // printf '{"imports":{}}' | openssl dgst -sha256 -binary | base64
        assertEquals(
                "'sha256-URrTy+Il/Nz0lHojVUx275hWqAWhkSF0VsHbUM4/6Hw='",
                ImportMap.cspSource(
                        "<head><script type=\"importmap\">{\"imports\":{}}</script>"
                                + "<script type=\"module\" src=\"/app.js\"></script></head>"));
    }

    @Test
    void aPageWithoutAnImportMapAdmitsNoInlineScript() {
        assertNull(ImportMap.cspSource("<script type=\"module\" src=\"/app.js\"></script>"));
        assertEquals(
                "default-src 'self'; script-src 'self'; style-src 'self';",
                new SecurityHeaders(null).uiPolicy().substring(0, 56));
    }

    @Test
    void thePolicyAdmitsTheImportMapsHashAsAScriptSourceOnly() {
        String policy = new SecurityHeaders("'sha256-abc='").uiPolicy();
        assertEquals(1, policy.split("sha256", -1).length - 1, policy);
        assertEquals(
                "default-src 'self'; script-src 'self' 'sha256-abc='; style-src 'self';",
                policy.substring(0, 70));
    }
}
