// Alarms as code: the monitor reads them from sluice.yaml whenever it judges, so there is nothing to
// create; what `sluice apply` has to do is forget the states (and their series in /metrics) of alarms
// no longer declared. History is kept until retention removes it.
import type { Services } from '../../kernel/services.js';
import { effectiveAlarms } from '../config.js';

export interface AlarmPlan {
  /** Alarms in force (the defaults merged with sluice.yaml). */
  inForce: string[];
  /** Alarms with states in the store that sluice.yaml no longer declares. */
  removed: string[];
}

export async function planAlarms(services: Services): Promise<AlarmPlan> {
  const inForce = effectiveAlarms(services.config.monitoring).map((a) => a.name);
  const stored = await services.store.db.selectFrom('alarm_states').select('alarm').distinct().execute();
  return {
    inForce,
    removed: stored
      .map((r) => r.alarm)
      .filter((a) => !inForce.includes(a))
      .sort(),
  };
}

/** For `sluice apply`: drops the states of alarms no longer declared; returns the plan it carried out. */
export async function applyAlarms(services: Services): Promise<AlarmPlan> {
  const plan = await planAlarms(services);
  if (plan.removed.length) await services.store.db.deleteFrom('alarm_states').where('alarm', 'in', plan.removed).execute();
  return plan;
}
