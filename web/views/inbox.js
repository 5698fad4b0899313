// Manager — Coaching inbox: today's budget of alerts worth a conversation on top (severity × value
// at stake), the rest in groups with one-click acknowledge, and the whole list paged (25 at a time).
import { all, api, allValues, rulesVersion } from '../lib/api.js';
import { h, add, mount, loading, empty, errorBox, pageHeader, badge, toast } from '../lib/dom.js';
import { formatMoney, nameFromId, plural } from '../lib/format.js';
import { alertCard, nameDeals, SEVERITIES } from './alerts.js';

/** Alerts per page of the list. */
const PAGE = 25;

const STATUSES = [
  { value: 'active', label: 'Open and acknowledged' },
  { value: 'open', label: 'Open' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

/** Alerts matching a filter (every page: for one rep's alerts); "active" means open or acknowledged. */
export async function loadAlerts({ status = 'active', severity, code, repId }) {
  const query = { severity, code, repId, sort: 'newest' };
  if (status === 'active') {
    const [open, acknowledged] = await Promise.all([
      all('/api/v1/alerts', { ...query, status: 'open' }), all('/api/v1/alerts', { ...query, status: 'acknowledged' })]);
    return [...open, ...acknowledged];
  }
  return all('/api/v1/alerts', { ...query, status: status === 'all' ? undefined : status });
}

export async function render(root, { query, session }) {
  const filter = {
    status: query.status || 'active', severity: query.severity || '', code: query.code || '', group: query.group || '',
  };
  const subtitle = h('span', {}, session.role === 'manager' ? 'Coaching alerts for your team.' : 'Coaching alerts of every team.');
  const budget = h('p', { class: 'muted budget', id: 'inbox-budget' });
  const top = h('div', { id: 'attention-body', 'aria-live': 'polite' }, loading('Loading today’s alerts…'));
  const groups = h('div', { id: 'groups-body' });
  const attention = h('section', { class: 'panel', id: 'attention', 'aria-labelledby': 'attention-title' },
    h('h2', { id: 'attention-title' }, 'Worth a conversation today'), budget, top);
  const grouped = h('section', { class: 'panel', id: 'groups', 'aria-labelledby': 'groups-title' },
    h('h2', { id: 'groups-title' }, 'The rest, grouped'), groups);
  const listHead = h('p', { class: 'muted', id: 'list-count' });
  const results = h('div', { id: 'alerts', 'aria-live': 'polite' }, loading('Loading alerts…'));
  const controls = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter alerts' });
  const list = h('section', { class: 'panel', id: 'all-alerts', 'aria-labelledby': 'all-title' },
    h('h2', { id: 'all-title' }, 'All alerts'), controls, listHead, results);
  mount(root, pageHeader('Coaching inbox', subtitle), attention, grouped, list);

  const [reps, version] = await Promise.all([allValues('/api/v1/reps').catch(() => []), rulesVersion()]);
  const names = new Map(reps.map((r) => [r.id, r.name]));
  const repName = (id) => names.get(id) || nameFromId(id) || 'No rep';
  let codes = filter.code ? [filter.code] : [];

  /** An alert card with a link to its rep's page; deciding on it refreshes the inbox. */
  const card = (a) => {
    const li = alertCard(a, { version, onChange: () => loadInbox() });
    li.querySelector('.meta').append(' · ', h('a', {
      href: `#/team/${encodeURIComponent(a.repId || '')}`, class: 'rep-link', dataset: { repId: a.repId || '' },
    }, repName(a.repId)), ' · ', h('span', { class: 'value-at-stake' }, `${formatMoney(a.valueAtStake)} at stake`));
    return li;
  };

  async function loadInbox() {
    try {
      const inbox = await api('/api/v1/alerts/inbox');
      budget.textContent = `${inbox.surfacedToday} of ${inbox.budgetPerDay} new ${plural(inbox.budgetPerDay, 'alert')} surfaced today`
        + ` · ${inbox.open} open in all, the most severe and valuable first`;
      mount(top, inbox.top.length
        ? h('ul', { class: 'alert-list' }, inbox.top.map(card))
        : empty('Nothing new worth a conversation today.', 'New alerts appear here after an evaluation run, up to the daily budget.'));
      nameDeals(top);
      const more = inbox.groups.reduce((n, g) => n + g.count, 0);
      mount(groups, inbox.groups.length
        ? [h('p', { class: 'muted' }, `${more} more open ${plural(more, 'alert')}, by kind and value at stake:`),
          h('ul', { class: 'group-list' }, inbox.groups.map(groupRow))]
        : h('p', { class: 'muted' }, 'No other open alerts.'));
      const known = new Set([...codes, ...inbox.top.map((a) => a.code), ...inbox.groups.map((g) => g.code)]);
      if (known.size !== codes.length) {
        codes = [...known].sort();
        renderControls();
      }
    } catch (e) {
      mount(top, errorBox(e, loadInbox));
    }
  }

  function groupRow(g) {
    const error = h('p', { class: 'form-error', role: 'alert' });
    const ack = h('button', { type: 'button', class: 'secondary ack-group' }, `Acknowledge all ${g.count}`);
    ack.addEventListener('click', async () => {
      ack.disabled = true;
      error.textContent = '';
      try {
        const done = await api(`/api/v1/alerts/groups/${encodeURIComponent(g.key)}/acknowledge`, { method: 'POST' });
        toast(`Acknowledged ${done.acknowledged} ${plural(done.acknowledged, 'alert')}: ${g.label}`);
        await loadInbox();
        load();
      } catch (e) {
        error.textContent = e.message;
        ack.disabled = false;
      }
    });
    const show = h('button', {
      type: 'button', class: 'secondary show-group',
      on: { click: () => { filter.group = g.key; filter.status = 'open'; renderControls(); navigate(); load(); list.scrollIntoView(); } },
    }, 'Show');
    return h('li', { class: `alert-group sev-${g.highestSeverity}`, dataset: { groupKey: g.key } },
      badge(g.highestSeverity, `sev ${g.highestSeverity}`), ' ',
      h('span', { class: 'group-label' }, g.label), ' ',
      h('span', { class: 'muted' }, `· ${formatMoney(g.valueAtStake)} at stake`),
      h('div', { class: 'actions-row' }, show, ack), error);
  }

  function navigate() {
    const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
    history.replaceState(null, '', `#/inbox?${params}`);
  }

  function renderControls() {
    const select = (id, label, options, value) => {
      const el = h('select', { id, name: id }, options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)));
      el.addEventListener('change', () => {
        filter[id.replace('filter-', '')] = el.value;
        navigate();
        load();
      });
      return h('div', { class: 'field' }, h('label', { for: id }, label), el);
    };
    mount(controls,
      select('filter-status', 'Status', STATUSES, filter.status),
      select('filter-severity', 'Severity', [{ value: '', label: 'Any severity' }, ...SEVERITIES.map((s) => ({ value: s, label: s }))], filter.severity),
      select('filter-code', 'Alert', [{ value: '', label: 'Any alert' }, ...codes.map((c) => ({ value: c, label: c }))], filter.code),
      filter.group ? h('div', { class: 'field group-filter' }, h('span', {}, `Group ${filter.group} `),
        h('button', { type: 'button', class: 'secondary clear-group', on: { click: () => { filter.group = ''; renderControls(); navigate(); load(); } } }, 'Show all groups')) : null);
  }

  /** One page of the list; `cursor` continues after the previous page. */
  async function page(status, cursor) {
    return api('/api/v1/alerts', {
      query: {
        status, severity: filter.severity || undefined, code: filter.code || undefined, group: filter.group || undefined, limit: PAGE, cursor,
      },
    });
  }

  let generation = 0;
  async function load() {
    const mine = ++generation;
    results.setAttribute('aria-busy', 'true');
    mount(results, loading('Loading alerts…'));
    try {
      // "open and acknowledged": the open ones first, then the acknowledged ones, each paged
      const statuses = filter.status === 'active' ? ['open', 'acknowledged'] : [filter.status === 'all' ? undefined : filter.status];
      let index = 0;
      let shown = 0;
      let total = 0;
      const ul = h('ul', { class: 'alert-list' });
      const more = h('button', { type: 'button', class: 'secondary load-more' }, 'Show more');
      let next = await page(statuses[0]);
      const counts = await Promise.all(statuses.slice(1).map((s) => page(s, undefined).then((p) => p.total)));
      total = next.total + counts.reduce((a, b) => a + b, 0);
      while (!next.items.length && index < statuses.length - 1) {
        index += 1;
        next = await page(statuses[index]);
      }
      if (mine !== generation) return;
      const append = (p) => {
        add(ul, p.items.map(card));
        shown += p.items.length;
        nameDeals(ul);
      };
      append(next);
      const update = () => {
        listHead.textContent = `Showing ${shown} of ${total} ${plural(total, 'alert')}, most severe and valuable first`;
        more.hidden = shown >= total;
      };
      more.addEventListener('click', async () => {
        more.disabled = true;
        try {
          if (next.nextCursor) {
            next = await page(statuses[index], next.nextCursor);
          } else {
            index += 1;
            next = await page(statuses[index]);
          }
          append(next);
          update();
        } catch (e) {
          toast(e.message, 'error');
        } finally {
          more.disabled = false;
        }
      });
      if (!total) {
        const filtered = filter.severity || filter.code || filter.group || filter.status !== 'active';
        mount(results, filtered
          ? empty('No alerts match these filters.', 'Change the filters above to see more.')
          : empty('Nothing to coach on right now.', 'Alerts appear here after an evaluation run, when a rule finds something about a rep or deal worth a conversation.'));
        listHead.textContent = '';
        return;
      }
      update();
      mount(results, ul, more);
      subtitle.textContent = `${total} ${plural(total, 'alert')} ${filter.status === 'active' ? 'open or acknowledged' : filter.status}`;
    } catch (e) {
      mount(results, errorBox(e, load));
    } finally {
      results.removeAttribute('aria-busy');
    }
  }

  renderControls();
  loadInbox();
  load();
}
