// The rule text: a textarea with a line-number gutter that marks the lines with problems; the Tab key
// indents only when asked to (otherwise it moves focus, as everywhere).
import { h } from '../../lib/dom.js';

/** @returns { element, text (the textarea), indentToggle, mark(diagnostics), goToLine(line, column) } */
export function codeArea({ id = 'rule-text', label = 'Rule text', describedBy = 'diagnostics' } = {}) {
  let marked = [];
  const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true' });
  const text = h('textarea', {
    id, class: 'code', spellcheck: 'false', wrap: 'off', autocapitalize: 'off', 'aria-label': label, 'aria-describedby': describedBy,
    placeholder: 'Choose a rule file above to read or edit it, or “New rule file…” to write or paste a rule.',
  });

  function renderGutter() {
    const lines = text.value.split('\n').length;
    const levels = lineLevels(marked);
    gutter.replaceChildren(...Array.from({ length: lines }, (_, i) => h('div', {
      class: levels.has(i + 1) ? `ln ${levels.get(i + 1)}` : 'ln', dataset: { line: String(i + 1) },
    }, String(i + 1))));
    gutter.scrollTop = text.scrollTop;
  }

  function goToLine(line, column = 1) {
    const lines = text.value.split('\n');
    const start = lines.slice(0, Math.max(0, line - 1)).reduce((n, l) => n + l.length + 1, 0);
    const end = start + (lines[line - 1] || '').length;
    text.focus();
    text.setSelectionRange(start + Math.max(0, Math.min(column - 1, end - start)), end);
    const lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 20;
    text.scrollTop = Math.max(0, (line - 4) * lineHeight);
    gutter.scrollTop = text.scrollTop;
  }

  text.addEventListener('input', renderGutter);
  text.addEventListener('scroll', () => { gutter.scrollTop = text.scrollTop; });
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Tab' && !event.shiftKey && !event.ctrlKey && !event.altKey && event.target.dataset.indent === 'on') {
      event.preventDefault();
      text.setRangeText('    ', text.selectionStart, text.selectionEnd, 'end');
      renderGutter();
    }
  });
  renderGutter();

  return {
    element: h('div', { class: 'editor' }, gutter, text),
    text,
    indentToggle: h('label', { class: 'small muted check' },
      h('input', { type: 'checkbox', on: { change: (e) => { text.dataset.indent = e.target.checked ? 'on' : 'off'; } } }),
      ' Tab key indents (otherwise it moves focus)'),
    mark(diagnostics) {
      marked = diagnostics;
      renderGutter();
    },
    goToLine,
  };
}

/** Line → the worst level of its problems ("error" wins over a warning). */
function lineLevels(diagnostics) {
  const levels = new Map();
  diagnostics.forEach((d) => {
    if (d.line > 0 && (!levels.has(d.line) || d.level === 'error')) levels.set(d.line, d.level);
  });
  return levels;
}
