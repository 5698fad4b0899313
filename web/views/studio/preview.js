// The impact preview of a draft: what the draft would change in the guidance of the stored pipeline
// if it were published, counted per code, team and rep, with examples and the money behind it. The
// preview runs on the server in the background; this panel starts it and follows its progress.
import { api } from '../../lib/api.js';
import { h, mount, errorBox } from '../../lib/dom.js';
import { formatMoney, formatNumber, formatDate, plural, shortVersion } from '../../lib/format.js';

const POLL_MILLIS = 500;
const TOP_GROUPS = 10;

function countsTable(id, caption, keyLabel, rows, withKind) {
  const head = [keyLabel, ...(withKind ? ['Kind'] : []), 'Live', 'Draft', 'Added', 'Removed', 'Changed'];
  return h('table', { id, class: 'preview-table' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((r) => h('tr', { dataset: { key: r.key } },
      h('th', { scope: 'row' }, r.key),
      ...(withKind ? [h('td', {}, r.kind || '')] : []),
      h('td', { class: 'num' }, formatNumber(r.before)),
      h('td', { class: 'num' }, formatNumber(r.after)),
      h('td', { class: 'num added' }, formatNumber(r.added)),
      h('td', { class: 'num removed' }, formatNumber(r.removed)),
      h('td', { class: 'num' }, formatNumber(r.changed))))));
}

const changedOnly = (rows) => rows.filter((r) => r.added + r.removed + r.changed > 0);
const byChange = (a, b) => (b.added + b.removed + b.changed) - (a.added + a.removed + a.changed);

function side(s) {
  if (!s) return '—';
  const parts = [];
  if (s.score != null) parts.push(`score ${Math.round(s.score)}`);
  if (s.rank != null) parts.push(`#${s.rank} in the rep's list`);
  if (s.severity) parts.push(s.severity);
  if (s.reason) parts.push(s.reason);
  return parts.join(' · ');
}

function money(label, m) {
  return h('li', {}, `${label}: ${formatNumber(m.deals)} ${plural(m.deals, 'deal')} worth ${formatMoney(m.dealValue)}`,
    Number(m.earnings) ? `, ${formatMoney(m.earnings)} of rep earnings` : '');
}

function render(container, status) {
  const r = status.result;
  const unchangedNote = r.added + r.removed + r.changed === 0
    ? h('p', { class: 'result ok', id: 'preview-nothing' }, 'The draft changes nothing anyone would see on this pipeline.')
    : null;
  mount(container,
    h('p', { id: 'preview-summary', class: 'result' },
      `Live ${shortVersion(status.liveVersion)} → draft ${shortVersion(status.candidateVersion)}, `
      + `as of ${formatDate(status.asOf)}, ${formatNumber(r.deals)} deals in ${formatNumber(r.teams)} `
      + `${plural(r.teams, 'team')}: ${formatNumber(r.added)} added, ${formatNumber(r.removed)} removed, `
      + `${formatNumber(r.changed)} changed, ${formatNumber(r.unchanged)} unchanged (${formatNumber(r.millis)} ms).`),
    unchangedNote,
    h('ul', { id: 'preview-money' }, money('Added items concern', r.moneyAdded), money('Removed items concerned', r.moneyRemoved)),
    countsTable('preview-codes', 'Per code, after arbitration (what users would see)', 'Code', r.byCode, true),
    countsTable('preview-teams', `Teams with the most change (top ${TOP_GROUPS})`, 'Team',
      changedOnly(r.byTeam).sort(byChange).slice(0, TOP_GROUPS), false),
    countsTable('preview-reps', `Reps with the most change (top ${TOP_GROUPS})`, 'Rep',
      changedOnly(r.byRep).sort(byChange).slice(0, TOP_GROUPS), false),
    h('h3', { class: 'small-heading' }, 'Examples'),
    h('ul', { id: 'preview-examples', class: 'preview-examples' }, r.examples.map((e) => h('li', { dataset: { change: e.change } },
      h('strong', {}, `${e.change} ${e.code}`),
      ` ${e.dealId ? `deal ${e.dealId}` : ''}${e.repId ? ` · rep ${e.repId}` : ''}${e.accountId && !e.dealId ? ` · account ${e.accountId}` : ''}: `,
      h('span', { class: 'muted' }, `live: ${side(e.before)}`), ' → ', h('span', {}, `draft: ${side(e.after)}`)))));
}

/**
 * Starts the preview of {@code draftId} and shows its progress, then its result, in {@code container}.
 * Resolves when the preview is done or failed.
 */
export async function showPreview(container, draftId) {
  const path = `/api/v1/rules/drafts/${encodeURIComponent(draftId)}/preview`;
  const progress = h('p', { id: 'preview-progress', role: 'status', class: 'muted' }, 'Starting the preview…');
  mount(container, progress);
  try {
    let status = await api(path, { method: 'POST' });
    while (status.state === 'running') {
      progress.textContent = status.teams
        ? `Evaluating the pipeline with both versions: ${status.teamsDone} of ${status.teams} ${plural(status.teams, 'team')}…`
        : 'Loading the stored pipeline…';
      await new Promise((resolve) => setTimeout(resolve, POLL_MILLIS));
      status = await api(path);
    }
    if (status.state === 'failed') {
      mount(container, errorBox(new Error(`The preview failed: ${status.error}`)));
      return;
    }
    render(container, status);
  } catch (e) {
    mount(container, errorBox(e));
  }
}
