package io.pandu.web;

import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * A studio code editor as a test meets it (the draft file's by default, or the Editor tab's): waits
 * until CodeMirror has replaced the fallback textarea, reads and replaces its whole text through
 * CodeMirror's own view (as a paste would), tells the caret's line, and finds what it draws inside
 * its shadow root (marked lines, squiggles, gutter marks).
 */
final class DraftEditor {
    private final Browser browser;
    private final String host;
    private final String view;

    DraftEditor(Browser browser) {
        this(browser, "draft-text");
    }

    /**
     * @param id the id of the editor's text (its textarea fallback's)
     */
    DraftEditor(Browser browser, String id) {
        this.browser = browser;
        this.host = id + "-editor";
        this.view =
                "const done = arguments[arguments.length - 1];"
                        + "import('/webjars/codemirror__view/dist/index.js').then(({ EditorView }) => {"
                        + "  const host = document.getElementById('"
                        + host
                        + "');"
                        + "  const view = EditorView.findFromDOM(host.shadowRoot.querySelector('.cm-editor'));";
    }

    /** Waits for the code editor (not the textarea fallback) and returns its host element. */
    WebElement loaded() {
        return browser.find("#" + host);
    }

    String text() {
        loaded();
        return (String)
                browser.driver()
                        .executeAsyncScript(
                                view
                                        + " done(view.state.doc.toString()); }).catch((e) => done('' + e));");
    }

    /** Replaces the whole text as a user's paste would (an edit: the file becomes unsaved). */
    void replaceText(String text) {
        loaded();
        Object outcome =
                browser.driver()
                        .executeAsyncScript(
                                view
                                        + " view.dispatch({ changes: { from: 0, to: view.state.doc.length,"
                                        + " insert: arguments[0] }, userEvent: 'input.paste' }); done('ok');"
                                        + " }).catch((e) => done('' + e));",
                                text);
        if (!"ok".equals(outcome)) {
            throw new IllegalStateException("could not set the editor's text: " + outcome);
        }
    }

    /** The line the caret is on. */
    int lineOfCursor() {
        loaded();
        return ((Number)
                        browser.driver()
                                .executeAsyncScript(
                                        view
                                                + " done(view.state.doc.lineAt(view.state.selection.main.head).number); });"))
                .intValue();
    }

    /** The inside of the editor (its shadow root), to find what it draws. */
    SearchContext inside() {
        return loaded().getShadowRoot();
    }

    /** The editor's line with this number, once it is marked with a problem of this level. */
    WebElement markedLine(int line, String level) {
        return browser.wait.until(
                d ->
                        inside()
                                .findElements(
                                        By.cssSelector(
                                                ".cm-line.cm-problem-"
                                                        + level
                                                        + "[data-line='"
                                                        + line
                                                        + "']"))
                                .stream()
                                .findFirst()
                                .orElse(null));
    }
}
