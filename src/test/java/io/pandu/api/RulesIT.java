package io.pandu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pandu.store.AuditLog;
import io.pandu.store.Page;
import io.pandu.testing.Http;
import io.pandu.testing.TestServer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules and playbooks: reading (everyone), validating, reloading and saving (ops and admin only).
 */
class RulesIT {
    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = TestServer.start(60_000); // its own server: these tests change rule files
        http = server.http;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final String GOOD_RULE =
            """
            package playbook

            import io.pandu.context.DealContext;

            global io.pandu.guidance.GuidanceCollector guidance;

            rule "Never fires"
                @category("guided-selling")
                @priority(10)
            when
                $d : DealContext( open, amountValue < -1 )
            then
                guidance.recommend("NEVER", $d, "never", "never");
            end
            """;

    @Test
    void everyoneReadsPacksRulesAndMetadataWithTheVersion() {
        JsonNode rules = http.get("/api/v1/rules", server.token("rep.a")).ok();
        assertFalse(rules.get("version").asText().isEmpty());
        List<String> packs = new ArrayList<>();
        rules.get("packs").forEach(p -> packs.add(p.get("name").asText()));
        assertTrue(
                packs.containsAll(List.of("coaching", "incentives", "playbook", "territory")),
                packs.toString());
        JsonNode rule = rules.get("packs").get(packs.indexOf("playbook")).get("rules").get(0);
        for (String key : List.of("name", "file", "line", "category", "priority")) {
            assertTrue(rule.has(key), key + " missing: " + rule);
        }
        JsonNode versions = http.get("/api/v1/rules/versions", server.token("boss.one")).ok();
        assertEquals(rules.get("version").asText(), versions.get(0).get("version").asText());
    }

    @Test
    void theRuleFilesAndTheirTextAreThereForTheStudio() {
        String rep = server.token("rep.a");
        List<String> files = new ArrayList<>();
        http.get("/api/v1/rules/files", rep).ok().forEach(f -> files.add(f.get("path").asText()));
        assertTrue(files.contains("playbook/stale-deals.drl"), files.toString());
        JsonNode source = http.get("/api/v1/rules/file?path=playbook/stale-deals.drl", rep).ok();
        assertTrue(
                source.get("text")
                        .asText()
                        .contains("rule \"Re-engage a deal with no recent activity\""));
        assertEquals("drl", source.get("kind").asText());
        assertEquals("path", http.get("/api/v1/rules/file?path=../pom.xml", rep).problem(400));
        assertEquals("path", http.get("/api/v1/rules/file?path=/etc/passwd", rep).problem(400));
        assertEquals("path", http.get("/api/v1/rules/file", rep).problem(400));
        http.get("/api/v1/rules/file?path=playbook/nope.drl", rep).problem(404);
        http.get("/api/v1/rules/file?path=playbook/stale-deals.drl", null).problem(401);
    }

    @Test
    void validationReturnsDiagnosticsWithLineAndColumn() {
        String ops = server.token("ops");
        JsonNode good = http.post("/api/v1/rules/validate", ops, json(GOOD_RULE)).ok();
        assertTrue(good.get("ok").asBoolean(), good.toString());
        JsonNode broken =
                http.post(
                                "/api/v1/rules/validate",
                                ops,
                                json(GOOD_RULE.replace("amountValue < -1", "amountValu < -1")))
                        .ok();
        assertFalse(broken.get("ok").asBoolean());
        JsonNode d = broken.get("diagnostics").get(0);
        assertEquals("error", d.get("level").asText());
        assertEquals(11, d.get("line").asInt(), d.toString());
        assertTrue(d.get("column").asInt() > 0, d.toString());
        JsonNode unsafe =
                http.post(
                                "/api/v1/rules/validate",
                                server.token("admin"),
                                json(
                                        GOOD_RULE.replace(
                                                "guidance.recommend(\"NEVER\", $d, \"never\", \"never\");",
                                                "System.exit(1);")))
                        .ok();
        assertFalse(unsafe.get("ok").asBoolean());
        assertTrue(unsafe.toString().contains("System"), unsafe.toString());
    }

    /**
     * Issue 12: the text is checked within the whole rule set, and every problem comes back in one
     * answer: a playbook parameter and a team parameter that nothing defines, each at its line.
     */
    @Test
    void validateReportsEverySemanticProblemOfTheTextInOneAnswer() {
        String text =
                GOOD_RULE
                        .replace("amountValue < -1", "amountValue < param(\"noSuchThreshold\")")
                        .replace(
                                "import io.pandu.context.DealContext;",
                                "import io.pandu.context.DealContext;\nimport io.pandu.facts.Parameter;")
                        .replace(
                                "$d : DealContext(",
                                "Parameter( name == \"noSuchTeamParameter\" )\n    $d : DealContext(");
        JsonNode answer =
                http.post(
                                "/api/v1/rules/validate",
                                server.token("ops"),
                                "{\"file\": \"playbook/semantic.drl\", \"text\": "
                                        + quote(text)
                                        + "}")
                        .ok();

        assertFalse(answer.get("ok").asBoolean(), answer.toString());
        List<String> errors = new ArrayList<>();
        answer.get("diagnostics")
                .forEach(
                        d -> {
                            if (d.get("level").asText().equals("error")) {
                                errors.add(
                                        d.get("file").asText()
                                                + ":"
                                                + d.get("line").asInt()
                                                + " "
                                                + d.get("message").asText());
                            }
                        });
        assertEquals(2, errors.size(), errors::toString);
        assertTrue(
                errors.get(0)
                        .startsWith(
                                "playbook/semantic.drl:12 rule \"Never fires\" reads team parameter \"noSuchTeamParameter\""),
                errors::toString);
        assertTrue(
                errors.get(1)
                        .startsWith(
                                "playbook/semantic.drl:13 rule \"Never fires\" reads playbook parameter \"noSuchThreshold\""),
                errors::toString);
    }

    @Test
    void onlyOpsAndAdminValidateReloadOrChangeRules() {
        for (String user : List.of("rep.a", "boss.one")) {
            http.post("/api/v1/rules/validate", server.token(user), json(GOOD_RULE)).problem(403);
            http.post("/api/v1/rules/reload", server.token(user), null).problem(403);
            http.put("/api/v1/rules/file?path=playbook/x.drl", server.token(user), json(GOOD_RULE))
                    .problem(403);
        }
        assertEquals(
                "text",
                http.post("/api/v1/rules/validate", server.token("ops"), "{\"file\": \"x.drl\"}")
                        .problem(400));
    }

    @Test
    void reloadNowReportsTheOutcome() {
        JsonNode reload = http.post("/api/v1/rules/reload", server.token("ops"), null).ok();
        assertTrue(reload.get("ok").asBoolean());
        assertEquals(
                http.get("/health", null).json().get("rulesVersion").asText(),
                reload.get("version").asText());
    }

    @Test
    void savingARuleFileThatBreaksTheSetIsRefusedAndAGoodOneGoesLive() throws Exception {
        String ops = server.token("ops");
        String before = http.get("/api/v1/rules", ops).ok().get("version").asText();
        Http.Response refused =
                http.put(
                        "/api/v1/rules/file?path=playbook/never.drl",
                        ops,
                        json(GOOD_RULE.replace("then", "thn")));
        refused.problem(422);
        assertTrue(refused.json().get("diagnostics").size() > 0, refused.text());
        assertFalse(Files.exists(server.rules().resolve("playbook/never.drl")));
        assertEquals(
                "path",
                http.put("/api/v1/rules/file?path=playbook/never.txt", ops, json(GOOD_RULE))
                        .problem(400));
        assertEquals(
                "text",
                http.put("/api/v1/rules/file?path=playbook/never.drl", ops, "{}").problem(400));

        JsonNode saved =
                http.put("/api/v1/rules/file?path=playbook/never.drl", ops, json(GOOD_RULE)).ok();
        assertTrue(saved.get("ok").asBoolean());
        assertNotEquals(before, saved.get("version").asText());
        assertTrue(http.get("/api/v1/rules", ops).ok().toString().contains("Never fires"));
        assertEquals(
                GOOD_RULE,
                http.get("/api/v1/rules/file?path=playbook/never.drl", ops)
                        .ok()
                        .get("text")
                        .asText());

        String edited = GOOD_RULE.replace("Never fires", "Still never fires");
        http.put("/api/v1/rules/file?path=playbook/never.drl", server.token("admin"), json(edited))
                .ok();
        List<AuditLog.Entry> saves =
                server.server().pandu().audit().list("rule-file-saved", Page.FIRST).items();
        assertEquals(2, saves.size(), "the refused save is not audited, both saved ones are");
        assertEquals("admin", saves.get(0).actor());
        assertEquals("playbook/never.drl", saves.get(0).subjectId());
        String firstNew = "new " + sha256(GOOD_RULE);
        assertEquals("old (new file), " + firstNew, saves.get(1).detail());
        assertEquals("old " + sha256(GOOD_RULE) + ", new " + sha256(edited), saves.get(0).detail());
        assertNotNull(saves.get(0).at());
    }

    private static String sha256(String text) throws Exception {
        return "sha256:"
                + java.util.HexFormat.of()
                        .formatHex(
                                java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(
                                                text.getBytes(
                                                        java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void playbooksAreListedAndReadable() {
        String rep = server.token("rep.b");
        JsonNode list = http.get("/api/v1/playbooks", rep).ok();
        assertEquals("velocity", list.get(0).get("id").asText());
        assertTrue(list.get(0).get("isDefault").asBoolean());
        JsonNode velocity = http.get("/api/v1/playbooks/velocity", rep).ok();
        assertEquals("prospecting", velocity.get("stages").get(0).get("id").asText());
        http.get("/api/v1/playbooks/nope", rep).problem(404);
    }

    @Test
    void firingsOfTheLastRunArePerRule() {
        JsonNode firings = http.get("/api/v1/rules/firings", server.token("rep.a")).ok();
        assertTrue(firings.size() > 0, firings.toString());
        assertTrue(firings.get(0).get("firings").asInt() > 0);
        assertTrue(firings.get(0).get("rule").asText().contains("."), firings.toString());
    }

    private static String json(String text) {
        return "{\"text\": " + quote(text) + "}";
    }

    static String quote(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void symbolicLinksInTheRulesFolderAreNeitherReadNorWrittenThrough() throws Exception {
        java.nio.file.Path outside = Files.createTempDirectory("pandu-outside-");
        Files.writeString(outside.resolve("secret.txt"), "not a rule");
        java.nio.file.Path fileLink = server.rules().resolve("playbook/secret.drl");
        java.nio.file.Path dirLink = server.rules().resolve("linked");
        Files.createSymbolicLink(fileLink, outside.resolve("secret.txt"));
        Files.createSymbolicLink(dirLink, outside);
        try {
            String ops = server.token("ops");
            assertEquals(
                    "path",
                    http.get("/api/v1/rules/file?path=playbook/secret.drl", ops).problem(400));
            assertEquals(
                    "path",
                    http.get("/api/v1/rules/file?path=linked/secret.txt", ops).problem(400));
            assertEquals(
                    "path",
                    http.put("/api/v1/rules/file?path=linked/new.drl", ops, json(GOOD_RULE))
                            .problem(400));
            assertFalse(Files.exists(outside.resolve("new.drl")), "nothing written outside");
            String files = http.get("/api/v1/rules/files", ops).ok().toString();
            assertFalse(files.contains("secret"), files);
            JsonNode reload = http.post("/api/v1/rules/reload", ops, null).ok();
            assertTrue(reload.get("ok").asBoolean(), reload.toString());
            assertTrue(reload.toString().contains("a symbolic link: not read"), reload.toString());
        } finally {
            Files.delete(fileLink);
            Files.delete(dirLink);
            http.post("/api/v1/rules/reload", server.token("ops"), null).ok();
        }
    }
}
