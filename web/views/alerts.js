// One coaching alert as a card: severity, the reason, the why, acknowledge, resolve with a note,
// and its history.
import { api } from '../lib/api.js';
import { h, add, badge, whyPanel, toast } from '../lib/dom.js';
import { formatDate, formatDateTime } from '../lib/format.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'];
const EVENT_LABEL = {
  raised: 'Raised',
  'severity-changed': 'Severity changed',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  'auto-resolved': 'Resolved by the rules',
  reopened: 'Re-opened',
};

/** @param options { version, onChange(alert) } */
export function alertCard(alert, { version, onChange, readOnly = false }) {
  const card = h('li', { class: `card alert sev-${alert.severity}`, dataset: { alertId: String(alert.id), status: alert.status, code: alert.code } });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const formArea = h('div', { class: 'feedback-form', hidden: true });
  const history = h('details', { class: 'history' }, h('summary', {}, 'History'), h('div', { class: 'history-body' }));

  async function loadHistory() {
    const body = history.querySelector('.history-body');
    body.replaceChildren(h('p', { class: 'muted' }, 'Loading history…'));
    try {
      const events = await api(`/api/v1/alerts/${alert.id}/history`);
      body.replaceChildren(events.length ? h('ol', { class: 'timeline' }, events.map((e) => h('li', { dataset: { event: e.event } },
        h('span', { class: 'when' }, formatDateTime(e.at)), ' ',
        h('strong', {}, EVENT_LABEL[e.event] || e.event),
        e.actor ? h('span', { class: 'muted' }, ` by ${e.actor}`) : null,
        e.note ? h('p', { class: 'note' }, e.note) : null))) : h('p', { class: 'muted' }, 'No events recorded.'));
    } catch (e) {
      body.replaceChildren(h('p', { class: 'form-error' }, e.message));
    }
  }
  history.addEventListener('toggle', () => { if (history.open) loadHistory(); });

  async function decide(path, body, message) {
    error.textContent = '';
    card.setAttribute('aria-busy', 'true');
    card.querySelectorAll('.actions-row button').forEach((b) => { b.disabled = true; });
    try {
      const updated = await api(path, { method: 'POST', body });
      toast(`${message}: ${alert.title}`);
      const next = alertCard(updated, { version, onChange });
      const dealLink = card.querySelector('a.deal-link');
      const nextLink = next.querySelector('a.deal-link');
      if (dealLink && nextLink) {
        nextLink.textContent = dealLink.textContent;
      }
      card.replaceWith(next);
      if (updated.status === 'resolved') {
        const details = next.querySelector('details.history');
        details.open = true;
      }
      next.querySelector('h3').focus();
      if (onChange) {
        onChange(updated);
      }
    } catch (e) {
      error.textContent = e.message;
      card.removeAttribute('aria-busy');
      card.querySelectorAll('.actions-row button').forEach((b) => { b.disabled = false; });
    }
  }

  const buttons = h('div', { class: 'actions-row' });
  if (alert.status === 'open') {
    buttons.append(h('button', {
      type: 'button', class: 'secondary acknowledge',
      on: { click: () => decide(`/api/v1/alerts/${alert.id}/acknowledge`, undefined, 'Acknowledged') },
    }, 'Acknowledge'));
  }
  if (alert.status !== 'resolved') {
    const resolve = h('button', { type: 'button', class: 'resolve', 'aria-expanded': 'false' }, 'Resolve…');
    resolve.addEventListener('click', () => {
      const id = `resolve-note-${alert.id}`;
      const note = h('textarea', { id, rows: '3', maxlength: '4000', placeholder: 'What did you do? E.g. “Walked through the discount policy with Moses; he re-quoted at 15%.”' });
      const formError = h('p', { class: 'form-error', role: 'alert' });
      const form = h('form', { class: 'inline-form resolve-form' },
        h('label', { for: id }, 'How was it resolved?'), note, formError,
        h('div', { class: 'actions-row' },
          h('button', { type: 'submit', class: 'confirm-resolve' }, 'Resolve alert'),
          h('button', {
            type: 'button', class: 'secondary',
            on: { click: () => { formArea.hidden = true; formArea.replaceChildren(); resolve.setAttribute('aria-expanded', 'false'); resolve.focus(); } },
          }, 'Cancel')));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (!note.value.trim()) {
          formError.textContent = 'Write a short note on what was done; it goes into the alert’s history.';
          note.focus();
          return;
        }
        decide(`/api/v1/alerts/${alert.id}/resolve`, { note: note.value.trim() }, 'Resolved');
      });
      formArea.hidden = false;
      formArea.replaceChildren(form);
      resolve.setAttribute('aria-expanded', 'true');
      note.focus();
    });
    buttons.append(resolve);
  }

  if (alert.status === 'resolved' && alert.holds !== false) {
    buttons.append(h('button', {
      type: 'button', class: 'secondary reopen',
      on: { click: () => decide(`/api/v1/alerts/${alert.id}/reopen`, undefined, 'Re-opened') },
    }, 'Re-open'));
  }

  const statusText = alert.status === 'resolved'
    ? `Resolved ${formatDate(alert.resolvedAt)}${alert.resolvedBy ? ` by ${alert.resolvedBy}` : ''}`
    : alert.status === 'acknowledged' ? `Acknowledged${alert.acknowledgedBy ? ` by ${alert.acknowledgedBy}` : ''}` : 'Open';

  add(card,
    h('div', { class: 'alert-head' },
      badge(alert.severity, `sev ${alert.severity}`),
      h('h3', { tabindex: '-1' }, alert.title),
      h('span', { class: `status ${alert.status}` }, statusText)),
    h('p', { class: 'reason' }, alert.reason),
    h('p', { class: 'meta muted' },
      h('code', {}, alert.code), ' · raised ', formatDate(alert.raisedAt),
      alert.dealId ? [' · ', h('a', { href: `#/deals/${encodeURIComponent(alert.dealId)}`, class: 'deal-link', dataset: { dealId: alert.dealId } }, `deal ${alert.dealId}`)] : null,
      alert.status !== 'resolved' && alert.holds === false ? ' · no longer raised by the last run' : null),
    alert.resolution ? h('p', { class: 'resolution' }, h('strong', {}, 'Resolution: '), alert.resolution) : null,
    whyPanel(alert, version),
    history,
    readOnly ? null : [buttons, formArea, error]);
  return card;
}

/** Replaces "deal ID" link texts under `root` with the deals' names, once they are fetched. */
const dealNames = new Map();

export async function nameDeals(root) {
  const links = [...root.querySelectorAll('a.deal-link[data-deal-id]')];
  const wanted = [...new Set(links.map((a) => a.dataset.dealId))].filter((id) => !dealNames.has(id)).slice(0, 60);
  // a few at a time, so that a long list does not flood the server
  for (let i = 0; i < wanted.length; i += 6) {
    await Promise.all(wanted.slice(i, i + 6).map((id) => api(`/api/v1/deals/${encodeURIComponent(id)}`)
      .then((d) => dealNames.set(id, d.value.name || id))
      .catch(() => dealNames.set(id, null))));
  }
  links.forEach((a) => {
    const name = dealNames.get(a.dataset.dealId);
    if (name && a.isConnected) {
      a.textContent = name;
    }
  });
}
