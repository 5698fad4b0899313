// "Why not …?" on the deal page (ops and managers): for one code or every rule about deals, which
// conditions of each rule held for this deal and which failed (with the values the rule saw), or,
// when the rule fired, what the owner's list did with its action (feedback, caps, attention budget).
import { api } from '../lib/api.js';
import { h, mount, loading, empty, errorBox, badge } from '../lib/dom.js';

const STATUS = {
  'not-matched': ['did not fire', 'warning'],
  fired: ['fired', 'count'],
  shown: ['shown', 'play'],
  feedback: ['taken off by feedback', 'count'],
  capped: ['held back by a cap', 'warning'],
  budget: ['held back by the budget', 'warning'],
};

/** The panel: a code picker (all rules, or one code) and the answer below it. */
export function whyNotPanel(dealId) {
  const picker = h('select', { id: 'why-not-code', 'aria-label': 'Code to explain' },
    h('option', { value: '' }, 'every rule about deals'));
  const answerBox = h('div', { class: 'why-not-answer', id: 'why-not-answer', 'aria-live': 'polite' });
  const ask = h('button', { type: 'button', id: 'why-not-ask', class: 'secondary' }, 'Why not …?');
  const codesKnown = new Set();

  async function load() {
    const code = picker.value;
    mount(answerBox, loading('Asking the rules…'));
    const query = code ? `?code=${encodeURIComponent(code)}` : '';
    try {
      const answer = await api(`/api/v1/deals/${encodeURIComponent(dealId)}/why-not${query}`);
      for (const rule of answer.rules) {
        for (const c of rule.codes) {
          if (!codesKnown.has(c)) {
            codesKnown.add(c);
            picker.append(h('option', { value: c }, c));
          }
        }
      }
      mount(answerBox, answerView(answer));
    } catch (e) {
      mount(answerBox, errorBox(e, load));
    }
  }

  ask.addEventListener('click', load);
  picker.addEventListener('change', load);
  return h('section', { class: 'panel why-not', 'aria-labelledby': 'why-not-title' },
    h('h2', { id: 'why-not-title' }, 'Why not …?'),
    h('p', { class: 'muted small' }, 'Why an action did or did not reach this deal’s list: the rules’ conditions as the engine saw them, or the list’s reason.'),
    h('div', { class: 'why-not-controls' }, h('label', { for: 'why-not-code' }, 'Code '), picker, ' ', ask),
    answerBox);
}

function answerView(answer) {
  if (answer.note) {
    return empty(answer.note);
  }
  if (!answer.rules.length) {
    return empty('No rule about deals can raise this code.');
  }
  return h('ul', { class: 'plain why-not-rules' }, answer.rules.map(ruleView));
}

function ruleView(rule) {
  const [label, kind] = STATUS[rule.status] || [rule.status, 'count'];
  return h('li', { class: 'card why-not-rule', dataset: { status: rule.status, codes: rule.codes.join(' ') } },
    h('h3', {}, rule.rule, ' ', badge(label, kind)),
    h('p', { class: 'why-not-sentence' }, rule.sentence),
    h('p', { class: 'muted small' }, `${rule.codes.join(', ')} · ${rule.file}${rule.line ? `:${rule.line}` : ''}`),
    h('ol', { class: 'why-not-conditions' }, rule.conditions.map(elementView)));
}

function elementView(element) {
  return h('li', { class: element.held ? 'held' : 'failed' },
    h('span', { class: 'tick', 'aria-hidden': 'true' }, element.held ? '✓' : '✗'),
    h('code', {}, element.text),
    h('span', { class: 'sr-only' }, element.held ? ' (held)' : ' (failed)'),
    element.conditions.length
      ? h('ul', { class: 'plain' }, element.conditions.map((c) => h('li', { class: c.held ? 'held' : 'failed', dataset: { held: String(c.held) } },
        h('span', { class: 'tick', 'aria-hidden': 'true' }, c.held ? '✓' : '✗'),
        h('span', { class: 'condition-sentence' }, c.sentence),
        h('span', { class: 'sr-only' }, c.held ? ' (held)' : ' (failed)'))))
      : null);
}
