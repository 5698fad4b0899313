// Rep — My day: the ranked next-best-actions across my open deals, and my open deals.
import { api, allValues, playbooks } from '../lib/api.js';
import { h, mount, loading, empty, errorBox, pageHeader } from '../lib/dom.js';
import { formatMoney, formatPercent, plural, shortVersion } from '../lib/format.js';
import { actionCard, playIndex } from './actions.js';
import { openStageOf } from './stages.js';

export async function render(root, { session }) {
  const subtitle = h('span', {}, 'Your next best actions, best first.');
  const standing = h('p', { class: 'attainment', id: 'attainment', hidden: true });
  const refresh = h('button', { type: 'button', class: 'secondary', id: 'refresh-actions' }, 'Refresh');
  const list = h('section', { class: 'main-col', 'aria-labelledby': 'actions-title' },
    h('h2', { id: 'actions-title', class: 'sr-only' }, 'Next best actions'), loading('Finding your next best actions…'));
  const deals = h('aside', { class: 'side-col', 'aria-labelledby': 'deals-title' },
    h('h2', { id: 'deals-title' }, 'My open deals'), loading('Loading your deals…'));
  mount(root, pageHeader('My day', subtitle, refresh), standing, h('div', { class: 'two-col' }, list, deals));

  let context = null;

  async function loadActions(focusAfter) {
    list.setAttribute('aria-busy', 'true');
    try {
      const [result, books] = await Promise.all([api('/api/v1/me/next-best-actions'), playbooks()]);
      // the version of the rules that produced these actions, not whatever /health says a moment later
      context = { version: result.ruleSetVersion, plays: playIndex(books), books };
      renderStanding(result.attainment, result.worth);
      renderActions(result.actions, focusAfter);
      renderAlerts(result.alerts || [], result.attention);
    } catch (e) {
      mount(list, errorBox(e, () => loadActions()));
    } finally {
      list.removeAttribute('aria-busy');
    }
  }

  // where the rep stands against quota, and what the actions listed here are worth if they close
  function renderStanding(attainment, worth) {
    const parts = [];
    if (attainment) {
      parts.push(h('span', { class: 'attainment-share' },
        `${formatPercent(attainment.share)} of quota`),
      h('span', { class: 'muted' }, ` (${formatMoney(attainment.wonThisYear)} won of ${formatMoney(attainment.quota)} this year)`));
    }
    if (worth && worth.deals) {
      if (parts.length) {
        parts.push(' · ');
      }
      parts.push(h('span', { class: 'worth' },
        `This week's top actions: ${formatMoney(worth.value)} across ${worth.deals} ${plural(worth.deals, 'deal')}`
        + (attainment ? `, ${formatMoney(worth.earnings)} for you` : '')));
    }
    standing.replaceChildren(...parts);
    standing.hidden = parts.length === 0;
  }

  function renderActions(actions, focusAfter) {
    const dealCount = new Set(actions.map((a) => a.dealId).filter(Boolean)).size;
    subtitle.textContent = actions.length
      ? `${actions.length} ${plural(actions.length, 'action')} across ${dealCount} ${plural(dealCount, 'deal')}, best first · rule set ${shortVersion(context.version)}`
      : `Rule set ${shortVersion(context.version)}`;
    if (!actions.length) {
      mount(list, h('h2', { id: 'actions-title', class: 'sr-only' }, 'Next best actions'),
        empty('Nothing to do right now.', 'When the rules find something worth doing on one of your open deals, it shows up here, with the reason.'));
      return;
    }
    const ol = h('ol', { class: 'action-list', id: 'actions' }, actions.map((action, i) => actionCard(action, {
      rank: i + 1, version: context.version, plays: context.plays,
      onGone: () => loadActions(true),
    })));
    mount(list, h('h2', { id: 'actions-title', class: 'sr-only' }, 'Next best actions'), ol);
    if (focusAfter) {
      const first = ol.querySelector('h3');
      if (first) {
        first.setAttribute('tabindex', '-1');
        first.focus();
      }
    }
  }

  // the open alerts about my deals (read-only: the manager works them), and what today's budget held back
  function renderAlerts(alerts, attention) {
    const parts = [];
    if (alerts.length) {
      parts.push(h('h2', { id: 'my-alerts-title' }, `Alerts about your deals (${alerts.length})`),
        h('ul', { class: 'my-alerts', id: 'my-alerts' }, alerts.map((a) => h('li', {
          class: `my-alert severity-${a.severity}`, 'data-alert-id': String(a.id),
        },
        h('strong', {}, a.title || a.code),
        h('span', { class: 'muted' }, ` · ${a.severity}${a.valueAtStake ? ` · ${formatMoney(a.valueAtStake)} at stake` : ''}`),
        a.reason ? h('p', { class: 'small' }, a.reason) : null))));
    }
    if (attention && attention.heldBack > 0) {
      parts.push(h('p', { class: 'muted small', id: 'attention-held-back' },
        `${attention.heldBack} more ${plural(attention.heldBack, 'item')} wait for another day: today's budget of ${attention.budget} new ${plural(attention.budget, 'item')} is used.`));
    }
    if (parts.length) {
      list.append(h('section', { class: 'my-alerts-section', 'aria-labelledby': 'my-alerts-title' }, ...parts));
    }
  }

  async function loadDeals() {
    try {
      const [items, books] = await Promise.all([allValues('/api/v1/deals', { ownerId: session.repId }), playbooks()]);
      const open = items
        .map((deal) => ({ deal, stage: openStageOf(deal, books) }))
        .filter((x) => x.stage)
        .sort((a, b) => (b.deal.amount || 0) - (a.deal.amount || 0));
      if (!open.length) {
        mount(deals, h('h2', { id: 'deals-title' }, 'My open deals'), empty('No open deals.', 'Deals you own that are not won or lost appear here.'));
        return;
      }
      mount(deals, h('h2', { id: 'deals-title' }, `My open deals (${open.length})`),
        h('ul', { class: 'deal-list', id: 'open-deals' }, open.map(({ deal, stage }) => h('li', {},
          h('a', { href: `#/deals/${encodeURIComponent(deal.id)}` }, deal.name || deal.id),
          h('span', { class: 'muted' }, `${stage.name} · ${formatMoney(deal.amount)}`)))));
    } catch (e) {
      mount(deals, h('h2', { id: 'deals-title' }, 'My open deals'), errorBox(e, loadDeals));
    }
  }

  refresh.addEventListener('click', () => loadActions());
  loadActions();
  loadDeals();
}
