// A decision table (.drl.csv) as a grid: rows × columns named as a spreadsheet names them (row 1,
// column A), each cell edited in place, rows added and removed; saved back as CSV (csv.js). A problem
// the validation places at a CSV row and column marks that cell.
import { h } from '../../lib/dom.js';
import { parseCsv, writeCsv } from './csv.js';

/** A, B, … Z, AA: the column names a spreadsheet shows (1-based). */
export function columnName(n) {
  let name = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) name = String.fromCharCode(65 + ((k - 1) % 26)) + name;
  return name;
}

/** @param options { onChange() after every edit } */
export function decisionTableGrid({ onChange }) {
  const model = { rows: [], raw: [], lengths: [], format: {} };
  let focused = { row: 0, column: 0 };
  let marked = [];
  const table = h('table', { class: 'dt-grid', id: 'dt-grid', 'aria-label': 'Decision table cells' });
  const addButton = h('button', { type: 'button', class: 'secondary small', id: 'dt-add-row' }, 'Add row below');
  const removeButton = h('button', { type: 'button', class: 'secondary small', id: 'dt-remove-row' }, 'Remove row');
  const where = h('span', { class: 'muted small', id: 'dt-where', role: 'status' });
  const element = h('div', { class: 'dt-editor', id: 'dt-editor', hidden: true },
    h('div', { class: 'editor-actions' }, addButton, removeButton, where),
    h('div', { class: 'dt-scroll' }, table));

  const width = () => Math.max(1, ...model.rows.map((r) => r.length));

  function render() {
    const columns = width();
    const problems = new Map(marked.filter((d) => d.line > 0).map((d) => [`${d.line}:${d.column || 1}`, d]));
    table.replaceChildren(
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'rownum' }, ''),
        Array.from({ length: columns }, (_, c) => h('th', { scope: 'col' }, columnName(c + 1))))),
      h('tbody', {}, model.rows.map((row, r) => h('tr', { dataset: { row: String(r + 1) } },
        h('th', { scope: 'row', class: 'rownum' }, String(r + 1)),
        Array.from({ length: columns }, (_, c) => {
          const problem = problems.get(`${r + 1}:${c + 1}`);
          const input = h('input', {
            type: 'text', class: 'dt-cell', value: row[c] ?? '', spellcheck: 'false',
            'aria-label': `Row ${r + 1}, column ${columnName(c + 1)}`, title: problem ? problem.message : null,
            'aria-invalid': problem ? 'true' : null, dataset: { row: String(r + 1), column: String(c + 1) },
            on: {
              input: (e) => {
                while (row.length <= c) row.push('');
                row[c] = e.target.value;
                onChange();
              },
              focus: () => {
                focused = { row: r, column: c };
                where.textContent = `Row ${r + 1}, column ${columnName(c + 1)}`;
              },
            },
          });
          return h('td', { class: problem ? `dt-problem ${problem.level}` : null }, input);
        })))));
  }

  function cell(row, column) {
    return table.querySelector(`input[data-row="${row}"][data-column="${column}"]`);
  }

  addButton.addEventListener('click', () => {
    const at = Math.min(focused.row + 1, model.rows.length);
    model.rows.splice(at, 0, Array.from({ length: width() }, () => ''));
    model.lengths.splice(at, 0, width());
    model.raw.splice(at, 0, []);
    marked = [];
    render();
    onChange();
    cell(at + 1, focused.column + 1)?.focus();
  });
  removeButton.addEventListener('click', () => {
    if (!model.rows.length) return;
    const at = Math.min(focused.row, model.rows.length - 1);
    model.rows.splice(at, 1);
    model.lengths.splice(at, 1);
    model.raw.splice(at, 1);
    marked = [];
    render();
    onChange();
    cell(Math.min(at + 1, model.rows.length), focused.column + 1)?.focus();
  });

  return {
    element,
    /** Shows a CSV file's cells. */
    setValue(text) {
      const { rows, raw, ...format } = parseCsv(text);
      Object.assign(model, { rows, raw, lengths: rows.map((r) => r.length), format });
      focused = { row: 0, column: 0 };
      marked = [];
      where.textContent = '';
      render();
    },
    /** The cells as CSV: each row as long as it was, or up to its last filled cell when longer. */
    value() {
      const rows = model.rows.map((r, i) => {
        let end = r.length;
        while (end > model.lengths[i] && !r[end - 1]) end -= 1;
        return r.slice(0, end);
      });
      return writeCsv(rows, { ...model.format, raw: model.raw });
    },
    /** Marks the cells of problems placed at a CSV row (line) and column. */
    mark(diagnostics) {
      marked = diagnostics;
      render();
    },
    goTo(row, column = 1) {
      const input = cell(row, column) || cell(row, 1);
      if (input) {
        input.scrollIntoView({ block: 'center', inline: 'center' });
        input.focus();
      }
    },
  };
}
