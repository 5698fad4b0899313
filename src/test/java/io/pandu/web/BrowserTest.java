package io.pandu.web;

import io.pandu.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One real Pandu server with the demo data and one headless Chromium per test class (skipped, or
 * failed under CI=true, without Chromium); each test starts signed out. A subclass's own
 * {@code @BeforeAll} runs after the server and browser are up.
 */
abstract class BrowserTest {
    static TestServer server;
    static Browser browser;

    @BeforeAll
    static void startServerAndBrowser() {
        Browser.assumeInstalled();
        server = TestServer.startDemo();
        browser = Browser.open(server.http.base());
    }

    @AfterAll
    static void stopServerAndBrowser() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            browser = null;
            if (server != null) {
                server.close();
            }
            server = null;
        }
    }

    @BeforeEach
    void signedOut() {
        browser.reset();
    }
}
