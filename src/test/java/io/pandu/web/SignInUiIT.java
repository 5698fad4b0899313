package io.pandu.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sign-in page of a server that is not the demo (its own users, no "demo" password): no demo
 * accounts are advertised, and signing in works as ever. The demo's side is in {@link RepUiIT}.
 */
class SignInUiIT {
    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        server = TestServer.start(1000); // the fixture pipeline, not the demo
        browser = Browser.open(server.http.base());
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void outsideDemoModeTheSignInPageShowsNoDemoAccounts() {
        browser.reset();
        browser.find("form.signin[data-demo='false']"); // the server has answered
        assertTrue(browser.all(".hint").isEmpty(), "no demo hint outside demo mode");
        assertTrue(
                !browser.find("form.signin").getText().contains("demo"),
                browser.find("form.signin").getText());
        browser.signIn("rep.a", "my-day"); // the fixture's users sign in as before
        assertEquals("my-day", browser.find("#main").getDomAttribute("data-view"));
        browser.assertNoConsoleErrors();
    }
}
