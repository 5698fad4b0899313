// A deal's place in its playbook: which playbook, which stage, which exit criteria hold.

/** The deal's playbook: the one it names, else the default. */
export function playbookOf(deal, books) {
  return books.find((p) => p.id === deal.playbook) || books.find((p) => p.isDefault) || books[0] || null;
}

/** The playbook stage a CRM stage name denotes (id, name or alias; case-insensitive), as the server resolves it. */
export function stageOf(deal, book) {
  const name = (deal.stage || '').toLowerCase();
  return book ? book.stages.find((s) => s.id.toLowerCase() === name || (s.name || '').toLowerCase() === name
    || (s.aliases || []).some((a) => a.toLowerCase() === name)) || null : null;
}

/** The stage of an open deal, or null when the deal is won, lost or its stage is unknown. */
export function openStageOf(deal, books) {
  const stage = stageOf(deal, playbookOf(deal, books));
  return stage && stage.outcome === 'open' ? stage : null;
}

const QUALIFICATION = {
  economicBuyer: 'Economic buyer identified',
  champion: 'Champion found',
  metrics: 'Success metrics agreed',
  decisionCriteria: 'Decision criteria known',
  decisionProcess: 'Decision process known',
  paperProcess: 'Paper process known',
  pain: 'Pain confirmed',
};

/** A readable label for an exit criterion: a qualification field or activity:<type>. */
export function criterionLabel(criterion) {
  if (criterion.startsWith('activity:')) {
    const type = criterion.slice('activity:'.length);
    return `${type[0].toUpperCase()}${type.slice(1)} logged`;
  }
  return QUALIFICATION[criterion] || criterion;
}

/** Whether an exit criterion holds for a deal: its qualification field is true, or an activity of that type is logged. */
export function criterionMet(criterion, deal, activities) {
  if (criterion.startsWith('activity:')) {
    const type = criterion.slice('activity:'.length);
    return activities.some((a) => a.type === type);
  }
  return Boolean(deal.qualification && deal.qualification[criterion]);
}
