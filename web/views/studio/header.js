// The studio's header: the rule-set version in use and when it loaded, "Reload from disk", "Run
// evaluation now", and a banner while the last reload has failed.
import { api } from '../../lib/api.js';
import { h, mount, pageHeader, toast } from '../../lib/dom.js';
import { formatDateTime, shortVersion } from '../../lib/format.js';

/**
 * @param options { version() → the version shown, reloaded() after a reload, afterRun() after a run,
 *                  diagnostics(list) → the list of a failed reload's problems }
 * @returns { elements, show(catalogue) }
 */
export function studioHeader({ version, reloaded, afterRun, diagnostics }) {
  const versionEl = h('code', { id: 'rules-version', class: 'version' }, '…');
  const loadedEl = h('span', { class: 'muted' });
  const reloadButton = h('button', { type: 'button', class: 'secondary', id: 'reload-rules' }, 'Reload from disk');
  const runButton = h('button', { type: 'button', class: 'secondary', id: 'run-evaluation' }, 'Run evaluation now');
  const banner = h('div', { id: 'studio-banner' });
  reloadButton.addEventListener('click', () => reload(reloadButton, version, reloaded));
  runButton.addEventListener('click', () => run(runButton, afterRun));

  function show(catalogue) {
    versionEl.textContent = shortVersion(catalogue.version);
    versionEl.title = catalogue.version;
    loadedEl.textContent = `· ${catalogue.ruleCount} rules · loaded ${formatDateTime(catalogue.loadedAt)}`;
    mount(banner, catalogue.lastReloadError && catalogue.lastReloadError.length
      ? h('div', { class: 'banner warn', role: 'status' },
        h('p', {}, h('strong', {}, 'The last reload failed; the previous rules keep serving.')),
        diagnostics(catalogue.lastReloadError))
      : null);
  }

  return {
    elements: [pageHeader('Rules studio', h('span', {}, 'Rule set ', versionEl, ' ', loadedEl), reloadButton, runButton), banner],
    show,
  };
}

async function reload(button, version, reloaded) {
  button.disabled = true;
  try {
    const before = version();
    const outcome = await api('/api/v1/rules/reload', { method: 'POST' });
    await reloaded();
    if (!outcome.ok) {
      toast(`Reload refused: ${outcome.diagnostics.length} problem(s). Version ${shortVersion(outcome.version)} keeps serving.`, 'error');
    } else {
      toast(outcome.version === before ? `Reloaded: no changes (version ${shortVersion(outcome.version)}).`
        : `Reloaded: now version ${shortVersion(outcome.version)}.`);
    }
  } catch (e) {
    toast(e.message, 'error');
  } finally {
    button.disabled = false;
  }
}

async function run(button, afterRun) {
  button.disabled = true;
  button.textContent = 'Running…';
  try {
    const done = await evaluation();
    if (done.status === 'succeeded') {
      toast(`Run ${done.id} done: ${done.deals} deals, ${done.recommendations} recommendations, ${done.alertsRaised} new alerts.`);
    } else {
      toast(`Run ${done.id} failed: ${done.error || 'see the server log'}`, 'error');
    }
    await afterRun();
  } catch (e) {
    toast(e.message, 'error');
  } finally {
    button.disabled = false;
    button.textContent = 'Run evaluation now';
  }
}

/** Starts an evaluation run of the stored pipeline and waits until it has finished. */
async function evaluation() {
  let started = await api('/api/v1/runs', { method: 'POST' });
  while (started.status === 'running') {
    await new Promise((resolve) => { setTimeout(resolve, 700); });
    started = await api(`/api/v1/runs/${started.id}`);
  }
  return started;
}
