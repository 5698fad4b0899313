// The studio's tabs, as in the WAI-ARIA tabs pattern (arrow keys, Home and End move between them);
// the tab shown is kept in the address (#/studio?tab=…).
import { h } from '../../lib/dom.js';

const TABS = [
  { id: 'rules', label: 'Rules' },
  { id: 'editor', label: 'Editor' },
  { id: 'playbooks', label: 'Playbooks' },
  { id: 'firings', label: 'Firings' },
  { id: 'drafts', label: 'Drafts' },
  { id: 'versions', label: 'Versions' },
  { id: 'effectiveness', label: 'Effectiveness' },
];

/** The tab the query names, else the Rules tab. */
export function initialTab(query) {
  return TABS.some((t) => t.id === query.tab) ? query.tab : 'rules';
}

/** The tab list and a panel per tab (by id); select(id) shows one, current() says which. */
export function tabs() {
  let shown = null;
  const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Rules studio' });
  const panels = {};
  TABS.forEach((t) => {
    panels[t.id] = h('section', { class: 'tab-panel', role: 'tabpanel', id: `panel-${t.id}`, 'aria-labelledby': `tab-${t.id}`, tabindex: '0', hidden: true });
  });
  const buttons = TABS.map((t) => h('button', {
    type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': `panel-${t.id}`, dataset: { tab: t.id },
    on: { click: () => select(t.id) },
  }, t.label));
  tablist.append(...buttons);
  tablist.addEventListener('keydown', (event) => moveByKey(event, buttons, select));

  function select(id) {
    shown = id;
    buttons.forEach((b) => {
      const on = b.dataset.tab === id;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    });
    Object.entries(panels).forEach(([key, panel]) => { panel.hidden = key !== id; });
    history.replaceState(null, '', `#/studio?tab=${id}`);
  }

  return { tablist, panels, select, current: () => shown };
}

function moveByKey(event, buttons, select) {
  const i = buttons.indexOf(document.activeElement);
  if (i < 0 || !['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
  event.preventDefault();
  const next = event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1
    : (i + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
  buttons[next].focus();
  select(TABS[next].id);
}
