// The problems of a rule text (from validating, saving or a failed reload): a result line, and each
// problem with its level and a button that goes to its line.
import { h, mount, badge, errorBox } from '../../lib/dom.js';
import { plural } from '../../lib/format.js';
import { columnName } from './grid.js';

/** Where a problem is: a decision table's row and lettered column, or a text's line and column. */
function place(d) {
  if (/\.(csv|xlsx?)$/i.test(d.file || '')) {
    return `Row ${d.line}${d.column ? `, column ${columnName(d.column)}` : ''}`;
  }
  return `Line ${d.line}${d.column ? `, column ${d.column}` : ''}`;
}

/**
 * @param list     diagnostics: { level, message, file, line, column }
 * @param options  { goTo(diagnostic), currentFile: the file being edited, whose name is not repeated }
 */
export function diagnosticsList(list, { goTo, currentFile }) {
  return h('ul', { class: 'diagnostics' }, list.map((d) => h('li', { class: d.level, dataset: { line: String(d.line || 0) } },
    h('button', { type: 'button', class: 'link', on: { click: () => goTo(d) } },
      d.line ? place(d) : (d.file || 'File')),
    ' ', badge(d.level, d.level), ' ', h('span', { class: 'message' }, d.message),
    d.file && d.file !== currentFile ? h('span', { class: 'muted small' }, ` (${d.file})`) : null)));
}

function resultLine(ok, list, okText) {
  const errors = list.filter((d) => d.level === 'error').length;
  const warnings = list.length - errors;
  return h('p', { class: ok ? 'result ok' : 'result bad', id: 'validation-result' },
    ok ? `✓ ${okText}${warnings ? ` (${warnings} ${plural(warnings, 'warning')})` : ''}`
      : `✗ ${errors} ${plural(errors, 'error')}: the rule does not build.`);
}

/**
 * The editor's "Problems" box (#diagnostics, described by the rule text).
 * @param options { goTo(diagnostic), currentFile() }
 */
export function problemsPanel({ goTo, currentFile }) {
  const element = h('div', { id: 'diagnostics', 'aria-live': 'polite' });
  return {
    element,
    list: (list) => diagnosticsList(list, { goTo, currentFile: currentFile() }),
    show(ok, list, okText) {
      mount(element, resultLine(ok, list, okText), list.length ? diagnosticsList(list, { goTo, currentFile: currentFile() }) : null);
    },
    error: (e) => mount(element, errorBox(e)),
    note: (node) => mount(element, node),
  };
}
