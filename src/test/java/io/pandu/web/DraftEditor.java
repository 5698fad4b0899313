package io.pandu.web;

import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * The draft file's code editor as a test meets it: waits until CodeMirror has replaced the fallback
 * textarea, reads and replaces its whole text through CodeMirror's own view (as a paste would), and
 * finds what it draws inside its shadow root (marked lines, squiggles, gutter marks).
 */
final class DraftEditor {
    private static final String HOST = "draft-text-editor";
    private static final String VIEW =
            "const done = arguments[arguments.length - 1];"
                    + "import('/webjars/codemirror__view/dist/index.js').then(({ EditorView }) => {"
                    + "  const host = document.getElementById('"
                    + HOST
                    + "');"
                    + "  const view = EditorView.findFromDOM(host.shadowRoot.querySelector('.cm-editor'));";

    private final Browser browser;

    DraftEditor(Browser browser) {
        this.browser = browser;
    }

    /** Waits for the code editor (not the textarea fallback) and returns its host element. */
    WebElement loaded() {
        browser.find(".source-editor[data-editor='codemirror']");
        return browser.find("#" + HOST);
    }

    String text() {
        loaded();
        return (String)
                browser.driver()
                        .executeAsyncScript(
                                VIEW
                                        + " done(view.state.doc.toString()); }).catch((e) => done('' + e));");
    }

    /** Replaces the whole text as a user's paste would (an edit: the file becomes unsaved). */
    void replaceText(String text) {
        loaded();
        Object outcome =
                browser.driver()
                        .executeAsyncScript(
                                VIEW
                                        + " view.dispatch({ changes: { from: 0, to: view.state.doc.length,"
                                        + " insert: arguments[0] }, userEvent: 'input.paste' }); done('ok');"
                                        + " }).catch((e) => done('' + e));",
                                text);
        if (!"ok".equals(outcome)) {
            throw new IllegalStateException("could not set the editor's text: " + outcome);
        }
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
