// The Playbooks tab: each playbook in use with its parameters, stages (exit criteria, plays) and plays.
import { playbooks } from '../../lib/api.js';
import { h, mount, empty, badge } from '../../lib/dom.js';
import { criterionLabel } from '../stages.js';

export async function renderPlaybooks(panel) {
  const books = await playbooks();
  if (!books.length) {
    mount(panel, empty('No playbooks loaded.', 'Add a YAML playbook to the playbooks directory and reload.'));
    return;
  }
  mount(panel, books.map(playbookSection));
}

function playbookSection(book) {
  return h('section', { class: 'playbook', dataset: { playbook: book.id } },
    h('h2', {}, book.name, book.isDefault ? [' ', badge('default', 'current')] : null),
    book.description ? h('p', { class: 'muted' }, book.description) : null,
    h('p', { class: 'small muted' }, 'File: ', h('code', {}, book.sourceFile || '—')),
    Object.keys(book.parameters).length ? h('div', { class: 'params' }, h('h3', {}, 'Parameters the rules read'),
      h('dl', { class: 'inline-dl' }, Object.entries(book.parameters).map(([k, v]) => [h('dt', {}, h('code', {}, k)), h('dd', {}, String(v))]))) : null,
    h('h3', {}, 'Stages'),
    stageList(book),
    h('h3', {}, 'Plays'),
    h('ul', { class: 'play-list' }, book.plays.map(playCard)));
}

function stageList(book) {
  const plays = new Map(book.plays.map((p) => [p.id, p]));
  return h('ol', { class: 'stage-path' }, book.stages.map((s) => h('li', { class: `stage ${s.outcome === 'open' ? 'upcoming' : `outcome ${s.outcome}`}` },
    h('div', { class: 'stage-name' }, s.name, s.outcome !== 'open' ? badge(s.outcome, s.outcome) : null),
    s.maxDays ? h('div', { class: 'muted small' }, `up to ${s.maxDays} days`) : null,
    s.aliases.length ? h('div', { class: 'muted small' }, `also: ${s.aliases.join(', ')}`) : null,
    s.exitCriteria.length ? h('ul', { class: 'criteria' }, s.exitCriteria.map((c) => h('li', { class: 'todo' }, h('span', { class: 'tick', 'aria-hidden': 'true' }, '○'), criterionLabel(c)))) : null,
    s.plays.length ? h('p', { class: 'small' }, 'Plays: ', s.plays.map((id) => (plays.get(id) ? plays.get(id).title : id)).join(', ')) : null)));
}

function playCard(play) {
  return h('li', { class: 'card play-card', dataset: { play: play.id } },
    h('h4', {}, play.title, ' ', h('code', { class: 'small' }, play.id)),
    play.description ? h('p', { class: 'muted' }, play.description) : null,
    play.steps.length ? h('ol', { class: 'steps' }, play.steps.map((s) => h('li', {}, s))) : null);
}
