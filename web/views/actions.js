// One next-best-action as a card: the play, the reason, the why, and Done / Dismiss / Snooze.
import { api } from '../lib/api.js';
import { h, badge, whyPanel, toast } from '../lib/dom.js';
import { formatDecimal, formatMoney, isoDay } from '../lib/format.js';

const DISMISS_REASONS = [
  'Already done outside Pandu',
  'Not relevant for this deal',
  'The customer asked us to wait',
  'The data behind it is wrong',
];

/** Play id → play, over every playbook. */
export function playIndex(playbooks) {
  const plays = new Map();
  playbooks.forEach((p) => p.plays.forEach((play) => plays.set(play.id, play)));
  return plays;
}

/**
 * @param action   an action from the next-best-actions API
 * @param options  { rank, version, plays (Map), showDeal, repId (whose action, for a manager), onGone(action, kind),
 *                   readOnly (no feedback buttons: a director) }
 */
export function actionCard(action, { rank, version, plays, showDeal = true, repId, onGone, readOnly = false }) {
  const play = action.playId ? plays.get(action.playId) : null;
  const feedbackArea = h('div', { class: 'feedback-form', hidden: true });
  const status = h('p', { class: 'form-error', role: 'alert' });
  const buttons = h('div', { class: 'actions-row' });
  const card = h('li', { class: 'card action', dataset: { actionId: action.id, code: action.code }, 'aria-labelledby': `action-${action.id}` },
    h('div', { class: 'action-head' },
      rank ? h('span', { class: 'rank', 'aria-label': `Rank ${rank}` }, String(rank)) : null,
      h('div', { class: 'action-title' },
        h('h3', { id: `action-${action.id}` }, action.title),
        showDeal && action.dealId
          ? h('a', { class: 'deal-link', href: `#/deals/${encodeURIComponent(action.dealId)}` }, action.dealName || action.dealId)
          : null)),
    h('p', { class: 'reason' }, action.reason),
    moneyLine(action),
    action.moreLikeThis ? h('p', { class: 'more-like-this' },
      `${action.moreLikeThis} more like this`,
      h('span', { class: 'muted' }, ` — held back so one kind of action does not fill your list`)) : null,
    play ? h('div', { class: 'play' },
      badge('Play', 'play'), ' ', h('strong', {}, play.title),
      play.steps.length ? h('ol', { class: 'steps' }, play.steps.map((step) => h('li', {}, step))) : null) : null,
    whyPanel(action, version, [h('dt', {}, 'Score'), h('dd', { class: 'score-factors' }, scoreText(action))]),
    readOnly ? null : [buttons, feedbackArea, status]);

  async function send(kind, extra, label) {
    status.textContent = '';
    card.setAttribute('aria-busy', 'true');
    buttons.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    feedbackArea.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      await api(`/api/v1/actions/${encodeURIComponent(action.id)}/feedback`, {
        method: 'POST', body: { kind, ...extra, ...(repId ? { repId } : {}) },
      });
      toast(`${label}: ${action.title}`);
      card.classList.add('gone');
      card.remove();
      if (onGone) {
        onGone(action, kind);
      }
    } catch (e) {
      status.textContent = e.message;
      card.removeAttribute('aria-busy');
      buttons.querySelectorAll('button').forEach((b) => { b.disabled = false; });
      feedbackArea.querySelectorAll('button').forEach((b) => { b.disabled = false; });
    }
  }

  function openForm(form, focus) {
    feedbackArea.hidden = false;
    feedbackArea.replaceChildren(form);
    focus.focus();
  }

  function closeForm(returnTo) {
    feedbackArea.hidden = true;
    feedbackArea.replaceChildren();
    returnTo.focus();
  }

  const done = h('button', { type: 'button', class: 'done', on: { click: () => send('done', {}, 'Marked done') } }, 'Done');
  const dismiss = h('button', { type: 'button', class: 'secondary dismiss', 'aria-expanded': 'false' }, 'Dismiss…');
  const snooze = h('button', { type: 'button', class: 'secondary snooze', 'aria-expanded': 'false' }, 'Snooze…');
  buttons.append(done, dismiss, snooze);

  dismiss.addEventListener('click', () => {
    const id = `dismiss-${action.id}`;
    const choice = h('select', { id: `${id}-choice` }, h('option', { value: '' }, 'Choose a reason…'),
      DISMISS_REASONS.map((r) => h('option', { value: r }, r)), h('option', { value: 'other' }, 'Other (write it below)'));
    const text = h('textarea', { id: `${id}-reason`, rows: '2', maxlength: '2000', placeholder: 'Why is this not worth doing?' });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const form = h('form', { class: 'inline-form dismiss-form' },
      h('label', { for: choice.id }, 'Why dismiss it?'), choice,
      h('label', { for: text.id, class: 'sr-only' }, 'Reason in your words'), text, error,
      h('div', { class: 'actions-row' },
        h('button', { type: 'submit', class: 'danger confirm-dismiss' }, 'Dismiss action'),
        h('button', { type: 'button', class: 'secondary', on: { click: () => { dismiss.setAttribute('aria-expanded', 'false'); closeForm(dismiss); } } }, 'Cancel')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const reason = [choice.value === 'other' ? '' : choice.value, text.value.trim()].filter(Boolean).join(' — ');
      if (!reason) {
        error.textContent = 'Give a reason, so the rule authors learn why it did not help.';
        choice.focus();
        return;
      }
      send('dismissed', { reason }, 'Dismissed');
    });
    dismiss.setAttribute('aria-expanded', 'true');
    snooze.setAttribute('aria-expanded', 'false');
    openForm(form, choice);
  });

  snooze.addEventListener('click', () => {
    const id = `snooze-${action.id}`;
    const until = h('input', { id, type: 'date', min: isoDay(1), value: isoDay(7), required: true });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const form = h('form', { class: 'inline-form snooze-form' },
      h('label', { for: id }, 'Snooze until'), until, error,
      h('div', { class: 'actions-row' },
        h('button', { type: 'submit', class: 'confirm-snooze' }, 'Snooze'),
        h('button', { type: 'button', class: 'secondary', on: { click: () => { snooze.setAttribute('aria-expanded', 'false'); closeForm(snooze); } } }, 'Cancel')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!until.value || until.value < isoDay(1)) {
        error.textContent = 'Pick a day after today.';
        until.focus();
        return;
      }
      send('snoozed', { until: until.value }, `Snoozed until ${until.value}`);
    });
    snooze.setAttribute('aria-expanded', 'true');
    dismiss.setAttribute('aria-expanded', 'false');
    openForm(form, until);
  });
  return card;
}

/** What the deal is worth and what closing it earns the rep (when they have a quota and plan). */
function moneyLine(action) {
  if (action.dealValue === undefined || action.dealValue === null) {
    return null;
  }
  return h('p', { class: 'money' },
    h('span', { class: 'deal-value' }, `Deal ${formatMoney(action.dealValue)}`),
    action.earnings !== undefined && action.earnings !== null
      ? [' · ', h('span', { class: 'earnings' }, `you earn ${formatMoney(action.earnings)}`)]
      : null);
}

/** "70 priority × 1.81 value × 1.25 urgency = 158.52" (README: How actions are ranked). */
function scoreText(action) {
  const f = action.scoreFactors;
  if (!f) {
    return formatDecimal(action.score);
  }
  return `${f.priority} priority × ${formatDecimal(f.value, 2)} value × ${formatDecimal(f.urgency, 2)} urgency = ${formatDecimal(f.total, 2)}`;
}

/** One incentive insight: what the deal means for the rep's pay, with its why. */
export function insightCard(insight, version, showAmount = true) {
  return h('li', { class: 'card insight', dataset: { code: insight.code } },
    h('div', { class: 'insight-head' },
      h('h3', {}, insight.title),
      showAmount && insight.amount !== undefined && insight.amount !== null ? h('span', { class: 'amount' }, formatMoney(insight.amount)) : null),
    h('p', { class: 'reason' }, insight.reason),
    whyPanel(insight, version));
}
