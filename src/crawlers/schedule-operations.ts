// UpdateCrawlerSchedule, StartCrawlerSchedule, StopCrawlerSchedule: a crawler's Schedule and whether
// it is SCHEDULED. Setting an expression schedules it; an empty expression removes the schedule.
import { glueOperation, type CallContext } from '../kernel/registry.js';
import { SluiceError } from '../kernel/errors.js';
import type { Crawler, ScheduleState } from '../kernel/glue-types.js';
import { requireCrawler, writeCrawler } from './crawler-store.js';
import { checkSchedule } from './schedule.js';

async function save(ctx: CallContext, crawler: Crawler): Promise<void> {
  const written = await writeCrawler(ctx.services.store.db, { ...crawler, LastUpdated: new Date() }, [crawler.State!]);
  if (!written) throw new SluiceError('SchedulerTransitioningException', `Crawler ${crawler.Name} changed state meanwhile; try again.`);
}

function withState(crawler: Crawler, state: ScheduleState): Crawler {
  return { ...crawler, Schedule: { ...crawler.Schedule, State: state } };
}

export const scheduleOperations = [
  glueOperation('UpdateCrawlerSchedule', async (input, ctx) => {
    const crawler = await requireCrawler(ctx.services.store.db, input.CrawlerName);
    const expression = input.Schedule?.trim();
    if (expression) checkSchedule(expression);
    await save(ctx, {
      ...crawler,
      Schedule: expression ? { ScheduleExpression: expression, State: crawler.Schedule?.State ?? 'SCHEDULED' } : undefined,
    });
    return {};
  }),

  glueOperation('StartCrawlerSchedule', async (input, ctx) => {
    const crawler = await requireCrawler(ctx.services.store.db, input.CrawlerName);
    if (!crawler.Schedule?.ScheduleExpression)
      throw new SluiceError('NoScheduleException', `Crawler ${input.CrawlerName} has no schedule; set one with UpdateCrawlerSchedule.`);
    if (crawler.Schedule.State === 'SCHEDULED')
      throw new SluiceError('SchedulerRunningException', `The schedule of crawler ${input.CrawlerName} is already running.`);
    await save(ctx, withState(crawler, 'SCHEDULED'));
    return {};
  }),

  glueOperation('StopCrawlerSchedule', async (input, ctx) => {
    const crawler = await requireCrawler(ctx.services.store.db, input.CrawlerName);
    if (crawler.Schedule?.State !== 'SCHEDULED')
      throw new SluiceError('SchedulerNotRunningException', `The schedule of crawler ${input.CrawlerName} is not running.`);
    await save(ctx, withState(crawler, 'NOT_SCHEDULED'));
    return {};
  }),
];
