// A draft file's text: the code editor (CodeMirror 6, see codemirror.js) once it has loaded, else the
// textarea with a line gutter (code.js), so the studio still edits files when the editor's modules
// cannot be had. Which one is showing is on the element: data-editor="codemirror" or "textarea".
import { h } from '../../lib/dom.js';
import { codeArea } from './code.js';

/**
 * The syntax mode of a project file by its name: drl, yaml, csv, or null for plain text. (Here, not in
 * modes.js: this module must load even when CodeMirror's cannot.)
 */
export function modeOf(path) {
  if (/\.drl$/i.test(path || '')) return 'drl';
  if (/\.ya?ml$/i.test(path || '')) return 'yaml';
  if (/\.csv$/i.test(path || '')) return 'csv';
  return null;
}

/**
 * @param options { id, label, describedBy, onChange() after every edit }
 * @returns { element, ready (a promise of the editor in use), value(), setValue(text, path), mark(diagnostics),
 *   goToLine(line, column), focus() }
 */
export function sourceEditor({ id, label, describedBy, onChange }) {
  const fallback = codeArea({ id, label, describedBy });
  const element = h('div', { class: 'source-editor', dataset: { editor: 'loading' } }, fallback.element);
  let editor = null;
  let marked = [];
  let path = null;
  let readOnly = false;
  fallback.text.addEventListener('input', () => onChange());

  const ready = import('./codemirror.js').then(({ createCodeMirror }) => {
    const host = h('div', { class: 'cm-host', id: `${id}-editor` });
    editor = createCodeMirror(host, { text: fallback.text.value, mode: modeOf(path), label, onChange });
    editor.mark(marked);
    editor.setReadOnly(readOnly);
    fallback.indentToggle.hidden = true; // the code editor leaves Tab to move focus
    fallback.element.replaceWith(host);
    element.dataset.editor = 'codemirror';
    return 'codemirror';
  }).catch((e) => {
    console.warn('The code editor did not load; editing in the plain text area.', e);
    element.dataset.editor = 'textarea';
    return 'textarea';
  });

  return {
    element,
    ready,
    value: () => (editor ? editor.value() : fallback.text.value),
    /** Shows a file's text, in the syntax mode of its name. */
    setValue(text, filePath) {
      path = filePath;
      marked = [];
      if (editor) {
        editor.setValue(text, modeOf(filePath));
      } else {
        fallback.text.value = text;
        fallback.mark([]);
      }
    },
    /** Marks the problems of the file shown (diagnostics with line and column). */
    mark(diagnostics) {
      marked = diagnostics;
      (editor || fallback).mark(diagnostics);
    },
    goToLine: (line, column) => (editor || fallback).goToLine(line, column),
    /** Shows the text read-only (or editable again). */
    setReadOnly(flag) {
      readOnly = flag;
      fallback.text.readOnly = flag;
      if (editor) editor.setReadOnly(flag);
    },
    /** The textarea's "Tab key indents" choice (hidden once the code editor is in use). */
    indentToggle: fallback.indentToggle,
    focus: () => (editor ? editor.focus() : fallback.text.focus()),
  };
}
