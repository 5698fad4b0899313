// The code editor proper: CodeMirror 6 from its WebJars (the import map in index.html names them),
// with line numbers, undo, search, bracket matching and a syntax mode per file kind, and the
// validation's problems as squiggles, gutter marks and marked lines.
// It lives in a shadow root: there CodeMirror's styles are constructed style sheets, which the page's
// policy (style-src 'self', no inline style) admits; in the document itself they would be <style>
// elements, which it refuses.
import { Compartment, EditorSelection, EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars,
  keymap, lineNumbers } from '@codemirror/view';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { languageOf } from './modes.js';

const setProblemLines = StateEffect.define();

/** The lines with problems, marked with their level and number (data-line) until the next validation. */
const problemLines = StateField.define({
  create: () => Decoration.none,
  update(lines, tr) {
    let next = lines.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setProblemLines)) next = effect.value;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const theme = EditorView.theme({
  '&': { height: '420px', border: '1px solid #cbd5e1', borderRadius: '8px', background: '#fff', fontSize: '13px' },
  '&.cm-focused': { outline: '3px solid #2563eb', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '20px' },
  '.cm-gutters': { background: '#f8fafc', borderRight: '1px solid #e2e8f0', color: '#94a3b8' },
  '.cm-problem-error': { background: '#fee4e2' },
  '.cm-problem-warning': { background: '#fef0c7' },
});

/** CodeMirror's position of a 1-based line and column, kept inside the document. */
function position(doc, line, column) {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.from + Math.max(0, (column || 1) - 1), l.to);
}

/**
 * Mounts an editor in `host` (given a shadow root here).
 * @param options { text, mode (see modes.js), label, onChange() after every edit by the user }
 * @returns { value(), setValue(text, mode), mark(diagnostics), goToLine(line, column), focus(), view }
 */
export function createCodeMirror(host, { text = '', mode = null, label = 'File text', onChange = () => {} }) {
  const root = host.attachShadow({ mode: 'open' });
  const parent = document.createElement('div');
  root.append(parent);
  const language = new Compartment();
  const readOnly = new Compartment();
  let locked = false;
  const languageExtension = (m) => languageOf(m) || [];
  const stateOf = (doc, m) => EditorState.create({
    doc,
    extensions: [
      lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), drawSelection(), indentOnInput(),
      bracketMatching(), highlightActiveLine(), highlightSelectionMatches(), lintGutter(), problemLines,
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap]),
      language.of(languageExtension(m)), readOnly.of(EditorState.readOnly.of(locked)), theme,
      EditorView.contentAttributes.of({ 'aria-label': label, spellcheck: 'false', autocapitalize: 'off', 'data-mode': m || 'text' }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(); // setValue replaces the state and is not an edit
      }),
    ],
  });
  const view = new EditorView({ state: stateOf(text, mode), parent, root });

  return {
    view,
    value: () => view.state.doc.toString(),
    /** Shows a new text (another file): a fresh state, so undo does not reach into the previous file. */
    setValue(next, m) {
      view.setState(stateOf(next, m));
    },
    /** Marks the problems of this file: a squiggle at line:column, a gutter mark, the line tinted. */
    mark(diagnostics) {
      const doc = view.state.doc;
      const placed = diagnostics.filter((d) => d.line > 0).map((d) => {
        let from = position(doc, d.line, d.column);
        const line = doc.lineAt(from);
        if ((d.column || 1) <= 1) from += /^\s*/.exec(line.text)[0].length; // a whole line: from its text
        const word = /^[\w$.]+/.exec(doc.sliceString(from, line.to));
        const to = word ? from + word[0].length : line.to;
        return { from, to: Math.max(to, Math.min(from + 1, line.to)), severity: d.level === 'error' ? 'error' : 'warning', message: d.message, line: line.number };
      });
      const worst = new Map();
      placed.forEach((p) => {
        if (!worst.has(p.line) || p.severity === 'error') worst.set(p.line, p.severity);
      });
      const lines = Decoration.set([...worst.entries()].sort((a, b) => a[0] - b[0]).map(([n, level]) => Decoration.line({
        attributes: { class: `cm-problem-${level}`, 'data-line': String(n), 'data-level': level },
      }).range(doc.line(n).from)));
      view.dispatch(setDiagnostics(view.state, placed.map(({ line, ...d }) => d)));
      view.dispatch({ effects: setProblemLines.of(lines) });
    },
    goToLine(line, column = 1) {
      const pos = position(view.state.doc, line, column);
      view.dispatch({ selection: EditorSelection.cursor(pos), effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
      view.focus();
    },
    focus: () => view.focus(),
    /** Shows the text without letting it be changed (a file the studio cannot save). */
    setReadOnly(flag) {
      locked = flag;
      view.dispatch({ effects: readOnly.reconfigure(EditorState.readOnly.of(flag)) });
    },
    setMode(m) {
      view.dispatch({ effects: language.reconfigure(languageExtension(m)) });
    },
  };
}
