// Deal page: where the deal is in its playbook (stage path, exit criteria), the plays of its stage,
// its next-best-actions and what it means for the rep's pay.
import { api, allValues, playbooks, rulesVersion } from '../lib/api.js';
import { h, mount, loading, empty, errorBox, pageHeader, badge } from '../lib/dom.js';
import { formatMoney, formatDate, nameFromId } from '../lib/format.js';
import { actionCard, insightCard, playIndex } from './actions.js';
import { playbookOf, stageOf, criterionLabel, criterionMet } from './stages.js';
import { whyNotPanel } from './why-not.js';

export async function render(root, { params, session }) {
  mount(root, loading('Loading the deal…'));
  const id = params.id;
  let stored;
  try {
    stored = await api(`/api/v1/deals/${encodeURIComponent(id)}`);
  } catch (e) {
    mount(root, backLink(session, null), errorBox(e, () => render(root, { params, session })));
    return;
  }
  const deal = stored.value;
  const [books, version, activities, account] = await Promise.all([
    playbooks(), rulesVersion(),
    allValues('/api/v1/activities', { dealId: deal.id }).catch(() => []),
    deal.accountId ? api(`/api/v1/accounts/${encodeURIComponent(deal.accountId)}`).then((a) => a.value).catch(() => null) : null,
  ]);
  const book = playbookOf(deal, books);
  const stage = stageOf(deal, book);
  const plays = playIndex(books);

  const facts = h('dl', { class: 'deal-facts' },
    item('Account', account ? account.name : (deal.accountId || 'none')),
    item('Product', deal.product || '—'),
    item('Amount', formatMoney(deal.amount)),
    deal.discountPercent ? item('Discount', `${deal.discountPercent}%`) : null,
    item('Owner', nameFromId(deal.ownerId)),
    item('Created', formatDate(deal.createdDate)),
    item('In stage since', formatDate(deal.stageEnteredDate)),
    deal.closeDate ? item('Closed', formatDate(deal.closeDate)) : item('Expected close', formatDate(deal.expectedCloseDate)),
    deal.competitor ? item('Competitor', deal.competitor) : null);

  const actionsBox = h('section', { class: 'panel', 'aria-labelledby': 'deal-actions-title' },
    h('h2', { id: 'deal-actions-title' }, 'Next best actions on this deal'), loading('Finding actions…'));
  const insightsBox = h('section', { class: 'panel', 'aria-labelledby': 'insights-title' },
    h('h2', { id: 'insights-title' }, 'What closing it means for you'), loading('Working out incentives…'));

  mount(root,
    backLink(session, deal),
    pageHeader(deal.name || deal.id, `${book ? book.name : 'No playbook'} · ${stage ? stage.name : `unknown stage “${deal.stage}”`}`),
    facts,
    stagePath(deal, book, stage, activities),
    h('div', { class: 'two-col' },
      h('div', { class: 'main-col' }, stagePlays(stage, plays), actionsBox,
        // sales ops and managers tune the playbook: they ask why an action is missing
        session.role === 'rep' ? null : whyNotPanel(deal.id)),
      h('div', { class: 'side-col' }, insightsBox, activityPanel(activities))));

  const ownActions = session.role === 'rep';
  // every pending action of this deal, not just those that made the rep's capped top 10
  const actionsPath = `/api/v1/deals/${encodeURIComponent(deal.id)}/next-best-actions`;

  async function loadActions() {
    try {
      const result = await api(actionsPath);
      const mine = result.actions;
      if (!mine.length) {
        mount(actionsBox, h('h2', { id: 'deal-actions-title' }, 'Next best actions on this deal'),
          empty('No actions for this deal right now.', stage && stage.outcome !== 'open'
            ? 'The deal is closed.' : 'Nothing the rules recommend is pending, or it was done, dismissed or snoozed.'));
        return;
      }
      mount(actionsBox, h('h2', { id: 'deal-actions-title' }, 'Next best actions on this deal'),
        h('ol', { class: 'action-list' }, mine.map((action) => actionCard(action, {
          version: result.ruleSetVersion, plays, showDeal: false, repId: ownActions ? null : deal.ownerId, onGone: loadActions,
          readOnly: session.role === 'director',
        }))));
    } catch (e) {
      mount(actionsBox, h('h2', { id: 'deal-actions-title' }, 'Next best actions on this deal'), errorBox(e, loadActions));
    }
  }

  async function loadInsights() {
    try {
      const result = await api(`/api/v1/reps/${encodeURIComponent(deal.ownerId)}/incentive-insights`);
      const all = result.insights.filter((i) => i.dealId === deal.id);
      // forecast categories come as insights too, but say nothing about pay: they go in their own line
      const isForecast = (i) => i.code === 'FORECAST_CATEGORY' || (i.rule && i.rule.category === 'forecasting');
      const forecast = all.filter(isForecast);
      const pay = all.filter((i) => !isForecast(i));
      const title = h('h2', { id: 'insights-title' }, ownActions ? 'What closing it means for you' : 'Incentives for the rep');
      mount(insightsBox, title,
        pay.length
          ? h('ul', { class: 'insight-list' }, pay.map((i) => insightCard(i, version)))
          : empty('No incentive insight for this deal.',
            'No commission, SPIF or discount rule matched it (commission estimates need a quota on the rep’s record).'),
        forecast.length ? h('div', { class: 'forecast' }, h('h3', {}, 'Forecast category'),
          h('ul', { class: 'insight-list' }, forecast.map((i) => insightCard(i, version, false)))) : null);
    } catch (e) {
      mount(insightsBox, h('h2', { id: 'insights-title' }, 'What closing it means for you'), errorBox(e, loadInsights));
    }
  }

  loadActions();
  loadInsights();
}

function item(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}

function backLink(session, deal) {
  if (session.role === 'rep') {
    return h('p', { class: 'crumbs' }, h('a', { href: '#/my-day' }, '← My day'));
  }
  const home = session.role === 'director' ? h('a', { href: '#/director' }, '← All teams') : h('a', { href: '#/inbox' }, '← Coaching inbox');
  return h('p', { class: 'crumbs' }, home,
    deal ? [' · ', h('a', { href: `#/team/${encodeURIComponent(deal.ownerId)}` }, nameFromId(deal.ownerId))] : null);
}

/** The playbook's stages in order, the deal's marked; each with its exit criteria ticked or not. */
function stagePath(deal, book, current, activities) {
  if (!book) {
    return empty('No playbook applies to this deal.');
  }
  const open = book.stages.filter((s) => s.outcome === 'open');
  const currentIndex = current ? open.indexOf(current) : -1;
  const closed = current && current.outcome !== 'open';
  const steps = open.map((s, i) => {
    const state = closed ? 'passed' : i < currentIndex ? 'passed' : i === currentIndex ? 'current' : 'upcoming';
    // ticked when it holds now; not holding is a gap for this and earlier stages, and simply later for the next ones
    const criteria = s.exitCriteria.map((c) => {
      const met = criterionMet(c, deal, activities);
      const later = state === 'upcoming' && !met;
      return h('li', { class: met ? 'met' : later ? 'todo' : 'unmet', dataset: { criterion: c } },
        h('span', { class: 'tick', 'aria-hidden': 'true' }, met ? '✓' : later ? '○' : '✗'),
        h('span', {}, criterionLabel(c)),
        h('span', { class: 'sr-only' }, met ? ' (done)' : later ? ' (later)' : ' (not done)'));
    });
    return h('li', { class: `stage ${state}`, 'aria-current': state === 'current' ? 'step' : null, dataset: { stage: s.id } },
      h('div', { class: 'stage-name' }, s.name, state === 'current' ? badge('current', 'current') : null),
      s.maxDays ? h('div', { class: 'muted small' }, `up to ${s.maxDays} days`) : null,
      criteria.length ? h('ul', { class: 'criteria' }, criteria) : h('p', { class: 'muted small' }, 'No exit criteria'));
  });
  if (!closed) {
    book.stages.filter((s) => s.outcome === 'won').forEach((s) => steps.push(
      h('li', { class: 'stage upcoming goal', dataset: { stage: s.id } }, h('div', { class: 'stage-name' }, s.name, badge('goal', 'won')))));
  } else {
    steps.push(h('li', { class: `stage outcome ${current.outcome}`, 'aria-current': 'step' },
      h('div', { class: 'stage-name' }, current.name, badge(current.outcome, current.outcome))));
  }
  return h('section', { class: 'panel', 'aria-labelledby': 'path-title' },
    h('h2', { id: 'path-title' }, 'Stage path'),
    h('ol', { class: 'stage-path', id: 'stage-path' }, steps));
}

function stagePlays(stage, plays) {
  const box = h('section', { class: 'panel', 'aria-labelledby': 'plays-title' }, h('h2', { id: 'plays-title' }, 'Plays for this stage'));
  const list = stage ? stage.plays.map((id) => plays.get(id)).filter(Boolean) : [];
  if (!list.length) {
    box.append(empty(stage && stage.outcome !== 'open' ? 'The deal is closed; no plays apply.' : 'The playbook names no plays for this stage.'));
    return box;
  }
  box.append(h('ul', { class: 'play-list' }, list.map((play) => h('li', { class: 'card play-card' },
    h('h3', {}, play.title),
    play.description ? h('p', { class: 'muted' }, play.description) : null,
    play.steps.length ? h('ol', { class: 'steps' }, play.steps.map((s) => h('li', {}, s))) : null,
    play.content && play.content.length ? h('ul', { class: 'plain links' }, play.content.map((c) => h('li', {}, c.title))) : null))));
  return box;
}

function activityPanel(activities) {
  const sorted = [...activities].sort((a, b) => b.date.localeCompare(a.date)).slice(0, 10);
  return h('section', { class: 'panel', 'aria-labelledby': 'activity-title' },
    h('h2', { id: 'activity-title' }, 'Recent activity'),
    sorted.length
      ? h('ul', { class: 'plain activity-list' }, sorted.map((a) => h('li', {}, h('span', {}, formatDate(a.date)), ' ', badge(a.type, 'neutral'))))
      : empty('No activity logged on this deal yet.'));
}
