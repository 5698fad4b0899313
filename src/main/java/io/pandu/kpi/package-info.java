/**
 * The numbers a sales leader reviews: a rep's KPIs next to their team's, roll-ups by company,
 * region, team, rep, product and period, the quarter forecast with the rule-based forecast
 * categories beside it, a manager's team home and the director's view of every team. Depends on the
 * engine (context, evaluate), playbook, the store, coaching (open alerts per rep) and runs (the
 * newest run's guidance).
 */
package io.pandu.kpi;
