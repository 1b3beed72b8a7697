// CreateCrawler, GetCrawler, GetCrawlers, BatchGetCrawlers, ListCrawlers, UpdateCrawler, DeleteCrawler.
// A running crawler can be neither updated nor deleted (CrawlerRunningException), as in Glue.
import { glueOperation } from '../kernel/registry.js';
import { alreadyExists, invalidInput, SluiceError } from '../kernel/errors.js';
import { pageByOffset } from '../kernel/pagination.js';
import { glueArn } from '../kernel/arn.js';
import { deleteTags, getTags, putTags } from '../tags/tags.js';
import type { Crawler } from '../kernel/glue-types.js';
import { checkCrawler, crawlerDoc } from './crawler-doc.js';
import { crawlerView, reapCrawler } from './crawl-lifecycle.js';
import { deleteCrawlerRows, findCrawler, insertCrawler, listCrawlers, requireCrawler, writeCrawler } from './crawler-store.js';

const running = (name: string) =>
  new SluiceError('CrawlerRunningException', `Crawler with name ${name} is running; wait for it to finish or stop it first.`);

export const crawlerOperations = [
  glueOperation('CreateCrawler', async (input, ctx) => {
    const { db } = ctx.services.store;
    const { Tags, ...definition } = input;
    const doc = crawlerDoc(definition);
    await checkCrawler(db, doc);
    if (await findCrawler(db, input.Name)) throw alreadyExists(`Crawler with name ${input.Name} has already been created`);
    await insertCrawler(db, doc);
    await putTags(db, glueArn(ctx, 'crawler', input.Name), Tags);
    return {};
  }),

  glueOperation('GetCrawler', async (input, ctx) => {
    const { db } = ctx.services.store;
    return { Crawler: await crawlerView(db, await requireCrawler(db, input.Name)) };
  }),

  glueOperation('GetCrawlers', async (input, ctx) => {
    const { db } = ctx.services.store;
    const page = pageByOffset(await listCrawlers(db), input.NextToken, input.MaxResults);
    const Crawlers: Crawler[] = [];
    for (const c of page.items) Crawlers.push(await crawlerView(db, c));
    return { Crawlers, NextToken: page.nextToken };
  }),

  glueOperation('BatchGetCrawlers', async (input, ctx) => {
    const { db } = ctx.services.store;
    if (input.CrawlerNames.length > 100) throw invalidInput('BatchGetCrawlers takes at most 100 crawler names.');
    const Crawlers: Crawler[] = [];
    const CrawlersNotFound: string[] = [];
    for (const name of input.CrawlerNames) {
      const c = await findCrawler(db, name);
      if (c) Crawlers.push(await crawlerView(db, c));
      else CrawlersNotFound.push(name);
    }
    return { Crawlers, CrawlersNotFound };
  }),

  glueOperation('ListCrawlers', async (input, ctx) => {
    const { db } = ctx.services.store;
    let names = (await listCrawlers(db)).map((c) => c.Name!);
    const wanted = Object.entries(input.Tags ?? {});
    if (wanted.length) {
      const tagged: string[] = [];
      for (const n of names) {
        const tags = await getTags(db, glueArn(ctx, 'crawler', n));
        if (wanted.every(([k, v]) => tags[k] === v)) tagged.push(n);
      }
      names = tagged;
    }
    const page = pageByOffset(names, input.NextToken, input.MaxResults);
    return { CrawlerNames: page.items, NextToken: page.nextToken };
  }),

  glueOperation('UpdateCrawler', async (input, ctx) => {
    const { db } = ctx.services.store;
    const current = await reapCrawler(db, await requireCrawler(db, input.Name));
    if (current.State !== 'READY') throw running(input.Name);
    const s3Changed =
      input.Targets !== undefined && JSON.stringify(input.Targets.S3Targets ?? []) !== JSON.stringify(current.Targets?.S3Targets ?? []);
    const staysIncremental = (input.RecrawlPolicy ?? current.RecrawlPolicy)?.RecrawlBehavior === 'CRAWL_NEW_FOLDERS_ONLY';
    if (s3Changed && staysIncremental && current.RecrawlPolicy?.RecrawlBehavior === 'CRAWL_NEW_FOLDERS_ONLY') {
      throw invalidInput(
        'The S3 targets of a crawler that crawls new folders only cannot be changed; set RecrawlBehavior CRAWL_EVERYTHING in the same update.',
      );
    }
    const doc = crawlerDoc(input, current);
    await checkCrawler(db, doc);
    if (!(await writeCrawler(db, doc, ['READY']))) throw running(input.Name);
    return {};
  }),

  glueOperation('DeleteCrawler', async (input, ctx) => {
    const { db } = ctx.services.store;
    const current = await reapCrawler(db, await requireCrawler(db, input.Name));
    if (current.State !== 'READY') throw running(input.Name);
    await ctx.services.store.transaction((trx) => deleteCrawlerRows(trx, input.Name));
    await deleteTags(db, glueArn(ctx, 'crawler', input.Name));
    return {};
  }),
];
