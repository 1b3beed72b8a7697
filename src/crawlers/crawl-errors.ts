// How a crawl ends early: stopped by StopCrawler, or failed for a reason that applies to the whole
// crawl (TableThreshold exceeded, a target that cannot be reached). Single unreadable files are not
// errors: they are reported and skipped.

export class CrawlStopped extends Error {
  constructor() {
    super('The crawl was stopped by StopCrawler.');
  }
}

export class CrawlFailed extends Error {}
