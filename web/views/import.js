// Sales ops — Import: upload the four Maven CRM CSVs (POST /api/v1/import/maven-crm) and read what the
// import did: records per kind, the quirks of the data, rejected rows. A problem with one file is
// shown next to its input.
import { upload } from '../lib/api.js';
import { h, mount, loading, errorBox, pageHeader } from '../lib/dom.js';
import { formatDate, formatDuration, formatNumber, plural } from '../lib/format.js';

/** The form parts the API takes, in its order, with the file each one expects and the columns read. */
const PARTS = [
  { name: 'sales_pipeline', label: 'Sales pipeline', columns: 'opportunity_id, sales_agent, product, account, deal_stage, engage_date, close_date, close_value' },
  { name: 'sales_teams', label: 'Sales teams', columns: 'sales_agent, manager, regional_office' },
  { name: 'accounts', label: 'Accounts', columns: 'account, sector, revenue, employees, office_location' },
  { name: 'products', label: 'Products', columns: 'product, series, sales_price' },
];
const COUNTS = ['read', 'created', 'updated', 'unchanged', 'rejected'];
const REJECTED_SHOWN = 100;

export async function render(root) {
  const inputs = {};
  const errors = {};

  function field(id, labelText, hint, input) {
    const hintId = `${id}-hint`;
    const errorId = `${id}-error`;
    input.id = id;
    input.setAttribute('aria-describedby', `${hintId} ${errorId}`);
    const error = h('p', { class: 'form-error', id: errorId });
    errors[id] = { input, error };
    return h('div', { class: 'field upload-field', dataset: { field: id } },
      h('label', { for: id }, labelText),
      h('p', { class: 'muted small hint-text', id: hintId }, hint),
      input, error);
  }

  const fileFields = PARTS.map((part) => {
    const input = h('input', { type: 'file', accept: '.csv', name: part.name });
    inputs[part.name] = input;
    input.addEventListener('change', () => clearError(input.id));
    return field(`file-${part.name}`, part.label,
      [h('code', {}, `${part.name}.csv`), ` · columns ${part.columns}`], input);
  });
  const asOf = h('input', { type: 'date', name: 'asOf' });
  asOf.addEventListener('change', () => clearError('as-of'));
  const asOfField = field('as-of', 'As of (optional)', 'The pipeline’s date: deal ages and stage times are counted to it. Empty: the last date in the data.', asOf);

  const button = h('button', { type: 'submit', id: 'import-submit' }, 'Import');
  const status = h('div', { id: 'import-status', role: 'status', 'aria-live': 'polite' });
  const banner = h('div', { id: 'import-banner' });
  const result = h('section', { id: 'import-result', 'aria-labelledby': 'import-result-title', hidden: true });
  const form = h('form', { id: 'import-form', class: 'panel import-form', novalidate: true, 'aria-labelledby': 'import-form-title' },
    h('h2', { id: 'import-form-title' }, 'Maven CRM CSV files'),
    h('div', { class: 'upload-grid' }, fileFields),
    asOfField,
    h('div', { class: 'actions-row' }, button, status));

  mount(root,
    pageHeader('Import', 'Load the Maven CRM CSVs into the store. Records equal to the stored ones are left alone, so importing the same files twice changes nothing.'),
    banner, form, result);

  function clearError(id) {
    const { input, error } = errors[id];
    input.removeAttribute('aria-invalid');
    error.textContent = '';
  }

  function showError(id, message) {
    const { input, error } = errors[id];
    input.setAttribute('aria-invalid', 'true');
    error.textContent = message;
  }

  function clearAll() {
    Object.keys(errors).forEach(clearError);
    mount(banner);
  }

  function setBusy(busy) {
    button.disabled = busy;
    button.textContent = busy ? 'Importing…' : 'Import';
    form.setAttribute('aria-busy', String(busy));
    mount(status, busy ? loading('Uploading and importing the files… (8,800 deals take a few seconds)') : null);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    clearAll();
    const missing = PARTS.filter((part) => !inputs[part.name].files.length);
    if (missing.length) {
      missing.forEach((part) => showError(`file-${part.name}`, `Choose ${part.name}.csv here: the import needs all four files.`));
      inputs[missing[0].name].focus();
      return;
    }
    const data = new FormData();
    PARTS.forEach((part) => data.append(part.name, inputs[part.name].files[0]));
    setBusy(true);
    result.hidden = true;
    mount(result);
    try {
      const summary = await upload('/api/v1/import/maven-crm', data, { query: { asOf: asOf.value } });
      showResult(summary);
    } catch (e) {
      showProblem(e);
    } finally {
      setBusy(false);
    }
  });

  function showProblem(e) {
    const target = e.status === 400 && e.field
      ? (PARTS.some((p) => p.name === e.field) ? `file-${e.field}` : e.field === 'asOf' ? 'as-of' : null) : null;
    if (target) {
      const part = PARTS.find((p) => p.name === e.field);
      showError(target, part ? `Not accepted: this file ${e.reason}` : `Not accepted: asOf ${e.reason}.`);
      mount(banner, h('div', { class: 'banner error', role: 'alert' },
        h('p', {}, `Nothing was imported: ${part ? `the ${part.label.toLowerCase()} file` : 'the as-of date'} was not accepted (see below).`)));
      errors[target].input.focus();
    } else {
      mount(banner, errorBox(e));
      banner.scrollIntoView({ block: 'nearest' });
    }
  }

  function showResult(summary) {
    const records = Object.entries(summary.records || {});
    const total = (key) => records.reduce((n, [, c]) => n + (c[key] || 0), 0);
    const created = total('created');
    const updated = total('updated');
    const rejected = summary.rejected || [];
    const quirks = summary.quirks || [];
    const title = h('h2', { id: 'import-result-title', tabindex: '-1' }, 'What the import did');
    mount(result,
      h('div', { class: 'panel' },
        title,
        h('p', { id: 'import-summary' },
          'Imported ', h('strong', {}, summary.source || 'the files'),
          summary.asOf ? [' as of ', h('strong', {}, formatDate(summary.asOf))] : null,
          ` in ${formatDuration(summary.millis)}.`),
        h('p', { id: 'import-outcome', class: created || updated ? 'outcome changed' : 'outcome same' },
          created || updated
            ? [h('strong', {}, `${formatNumber(created)} ${plural(created, 'record')} created and ${formatNumber(updated)} updated;`),
              ` the other ${formatNumber(total('unchanged'))} were already stored as they are and were left alone.`]
            : [h('strong', {}, 'Nothing changed:'),
              ' these records were already stored exactly as in these files, so the import left them alone. Importing the same files again is always safe.'],
          rejected.length ? ` ${formatNumber(rejected.length)} ${plural(rejected.length, 'row was', 'rows were')} rejected: see below.` : null),
        summary.rowsRead ? h('p', { class: 'muted small', id: 'rows-read' }, 'Rows read: ',
          Object.entries(summary.rowsRead).map(([file, n], i) => [i ? ' · ' : '', h('code', {}, file), ` ${formatNumber(n)}`])) : null,
        h('div', { class: 'table-wrap' }, h('table', { class: 'records-table', id: 'import-records' },
          h('caption', { class: 'sr-only' }, 'Records per kind'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Kind'), COUNTS.map((c) => h('th', { scope: 'col', class: 'num' }, c)))),
          h('tbody', {},
            records.map(([kind, c]) => h('tr', { dataset: { kind } },
              h('th', { scope: 'row' }, kind),
              COUNTS.map((key) => h('td', { class: `num ${key}` }, formatNumber(c[key]))))),
            summary.users ? h('tr', { dataset: { kind: 'demo users' } },
              h('th', { scope: 'row' }, 'demo users'),
              h('td', { class: 'num read' }, formatNumber(summary.users.created + summary.users.updated + summary.users.unchanged)),
              h('td', { class: 'num created' }, formatNumber(summary.users.created)),
              h('td', { class: 'num updated' }, formatNumber(summary.users.updated)),
              h('td', { class: 'num unchanged' }, formatNumber(summary.users.unchanged)),
              h('td', { class: 'num rejected' }, '0')) : null)))),
      h('div', { class: 'panel', id: 'import-quirks' },
        h('h2', {}, 'Quirks of the data'),
        quirks.length
          ? [h('p', { class: 'muted small' }, 'What the files do differently from what Pandu expects, and what the import did about it.'),
            h('div', { class: 'table-wrap' }, h('table', { class: 'quirks-table stack-table' },
              h('thead', {}, h('tr', {}, ['Quirk', 'Count', 'Example', 'Handling'].map((c) => h('th', { scope: 'col', class: c === 'Count' ? 'num' : null }, c)))),
              h('tbody', {}, quirks.map((q) => h('tr', { dataset: { quirk: q.kind } },
                h('th', { scope: 'row' }, q.kind),
                h('td', { class: 'num', dataset: { label: 'Count' } }, formatNumber(q.count)),
                h('td', { dataset: { label: 'Example' } }, h('code', {}, q.example || '—')),
                h('td', { dataset: { label: 'Handling' } }, q.handling || '—'))))))]
          : h('p', { class: 'muted' }, 'None: the files hold no surprises.')),
      h('div', { class: 'panel', id: 'import-rejected' },
        h('h2', {}, rejected.length ? `Rejected rows (${formatNumber(rejected.length)})` : 'Rejected rows'),
        rejected.length
          ? [h('p', { class: 'muted small' }, 'These rows were not imported; the other rows were.'),
            h('div', { class: 'table-wrap' }, h('table', { class: 'rejected-table stack-table' },
              h('thead', {}, h('tr', {}, ['Kind', 'Where', 'Reason'].map((c) => h('th', { scope: 'col' }, c)))),
              h('tbody', {}, rejected.slice(0, REJECTED_SHOWN).map((r) => h('tr', {},
                h('th', { scope: 'row' }, r.kind),
                h('td', { dataset: { label: 'Where' } }, h('code', {}, r.where)),
                h('td', { dataset: { label: 'Reason' } }, r.reason)))))),
            rejected.length > REJECTED_SHOWN ? h('p', { class: 'muted small' }, `… and ${formatNumber(rejected.length - REJECTED_SHOWN)} more.`) : null]
          : h('p', { class: 'muted' }, 'None: every row was read.')));
    result.hidden = false;
    title.focus();
  }
}
