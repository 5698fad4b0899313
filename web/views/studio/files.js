// Which rule file the editor shows: a choice of the files in the rules directory (rule files, and
// decision tables read-only), or "New rule file…" with a path to give.
import { api } from '../../lib/api.js';
import { h } from '../../lib/dom.js';

const NEW = '__new__';

/** @param options { onNew(), onOpen(path) } when the user picks "New rule file…" or a file */
export function fileChooser({ onNew, onOpen }) {
  const select = h('select', { id: 'rule-file' });
  const newPath = h('input', { id: 'new-rule-path', placeholder: 'pack/my-rule.drl', hidden: true, 'aria-label': 'Path of the new rule file' });
  select.addEventListener('change', () => {
    if (select.value === NEW) {
      newPath.hidden = false;
      onNew();
      newPath.focus();
    } else {
      onOpen(select.value);
    }
  });

  return {
    element: h('div', { class: 'editor-bar' }, h('label', { for: 'rule-file' }, 'File'), select, newPath),
    /** The path chosen or typed for a new file. */
    path: () => (select.value === NEW ? newPath.value.trim() : select.value),
    /** Shows `path` as chosen (listing it when it is not yet). */
    choose(path) {
      if (![...select.options].some((o) => o.value === path)) {
        select.append(h('option', { value: path }, path));
      }
      select.value = path;
      newPath.hidden = true;
    },
    /** Focuses where the path is given. */
    focus: () => (select.value === NEW ? newPath : select).focus(),
    load: () => loadFiles(select),
  };
}

/** Lists the files of the rules directory, keeping the one chosen. */
async function loadFiles(select) {
  const files = await api('/api/v1/rules/files');
  const current = select.value;
  const options = (kind) => files.filter((f) => f.kind === kind).map((f) => h('option', { value: f.path }, f.path));
  select.replaceChildren(
    h('option', { value: '' }, 'Choose a rule file…'),
    h('option', { value: NEW }, 'New rule file…'),
    h('optgroup', { label: 'Rule files' }, options('drl')),
    h('optgroup', { label: 'Decision tables (read-only)' }, options('decision-table')));
  if (current) select.value = current;
}
