/**
 * A rep's KPIs (win rate, cycle time, pipeline coverage, activity) next to their team's. Depends on
 * the engine (context, evaluate), playbook and the store.
 */
package io.pandu.kpi;
