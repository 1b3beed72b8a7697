// The audit trail: an append-only list of records, each chained to the one before by a hash
// (hash = sha256(prev_hash + "\n" + doc)), so an edited record breaks its own hash and a deleted
// one breaks the next record's prev_hash. The chain's head (the last hash) is printed by
// `sluice audit --verify`: keep it elsewhere to detect the removal of the newest records too.
// Retention removes the oldest records and appends a record saying up to where and with which hash,
// so verification of what is left still starts from a known hash.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';

export interface AuditRecord {
  time: string;
  /** arn:aws:iam::<account>:user/<name>; absent when the request could not be authenticated. */
  principal?: string;
  accessKey?: string;
  sourceIp?: string;
  operation: string;
  resources: string[];
  requestId?: string;
  /** Allowed: the call succeeded; Denied: authorization or authentication refused it; Failed: it was allowed and failed. */
  outcome: 'Allowed' | 'Denied' | 'Failed';
  errorType?: string;
  errorMessage?: string;
  /** For the record retention writes: the last record removed and its hash. */
  pruned?: { throughSeq: number; lastHash: string };
}

export interface StoredAuditRecord extends AuditRecord {
  seq: number;
  hash: string;
  prevHash: string;
}

export const GENESIS = '0'.repeat(64);
export const PRUNE_OPERATION = 'sluice:PruneAuditTrail';
const chain = (prev: string, doc: string) => createHash('sha256').update(prev).update('\n').update(doc).digest('hex');

export class AuditTrail {
  /** Appends from one process go one at a time, so two never read the same head. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Kysely<DB>) {}

  append(record: AuditRecord): Promise<void> {
    const next = this.queue.then(() => this.appendNow(record));
    this.queue = next.catch(() => {});
    return next;
  }

  private async appendNow(record: AuditRecord, attempt = 0): Promise<void> {
    const doc = JSON.stringify(record);
    try {
      await this.db.transaction().execute(async (trx) => {
        const head = await trx.selectFrom('audit_records').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
        const prev = head?.hash ?? GENESIS;
        await trx
          .insertInto('audit_records')
          .values({ seq: Number(head?.seq ?? 0) + 1, time: Date.parse(record.time), doc, prev_hash: prev, hash: chain(prev, doc) })
          .execute();
      });
    } catch (e) {
      // Another server appended the same seq first (primary key): read the new head and chain to it.
      if (attempt < 5 && /unique|duplicate|primary key|constraint/i.test(String((e as Error).message)))
        return this.appendNow(record, attempt + 1);
      throw e;
    }
  }

  /** Removes records older than `before` (epoch ms) and records that it did. Returns how many went. */
  async prune(before: number): Promise<number> {
    const last = await this.db
      .selectFrom('audit_records')
      .select(['seq', 'hash'])
      .where('time', '<', before)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last) return 0;
    const seq = Number(last.seq);
    // The retention record is chained first, so it is what the first record left points back past.
    await this.append({
      time: new Date().toISOString(),
      operation: PRUNE_OPERATION,
      resources: [],
      outcome: 'Allowed',
      pruned: { throughSeq: seq, lastHash: last.hash },
    });
    const removed = await this.db.deleteFrom('audit_records').where('seq', '<=', seq).executeTakeFirst();
    return Number(removed.numDeletedRows);
  }
}

export interface AuditFilter {
  principal?: string;
  operation?: string;
  resource?: string;
  since?: number;
  until?: number;
  outcome?: string;
  limit?: number;
}

const stored = (r: { seq: number; doc: string; hash: string; prev_hash: string }): StoredAuditRecord => ({
  ...(JSON.parse(r.doc) as AuditRecord),
  seq: Number(r.seq),
  hash: r.hash,
  prevHash: r.prev_hash,
});

/** Records matching the filter, oldest first (the last `limit` of them). */
export async function readAudit(db: Kysely<DB>, f: AuditFilter = {}): Promise<StoredAuditRecord[]> {
  let q = db.selectFrom('audit_records').selectAll();
  if (f.since !== undefined) q = q.where('time', '>=', f.since);
  if (f.until !== undefined) q = q.where('time', '<=', f.until);
  const rows = (await q.orderBy('seq').execute()).map(stored);
  const has = (v: string | undefined, want: string | undefined) => !want || (v ?? '').includes(want);
  const out = rows.filter(
    (r) =>
      has(r.principal, f.principal) &&
      (!f.operation || r.operation === f.operation) &&
      (!f.resource || r.resources.some((x) => x.includes(f.resource!))) &&
      (!f.outcome || r.outcome === f.outcome),
  );
  return f.limit ? out.slice(-f.limit) : out;
}

export interface VerifyResult {
  ok: boolean;
  records: number;
  head?: { seq: number; hash: string };
  problems: string[];
}

/** Walks the whole chain: each record's hash, each link, and that nothing is missing between them. */
export async function verifyAudit(db: Kysely<DB>): Promise<VerifyResult> {
  const rows = await db.selectFrom('audit_records').selectAll().orderBy('seq').execute();
  const problems: string[] = [];
  const prunes = rows.map(stored).filter((r) => r.operation === PRUNE_OPERATION && r.pruned);
  let prev: { seq: number; hash: string } | undefined;
  for (const r of rows) {
    const seq = Number(r.seq);
    if (chain(r.prev_hash, r.doc) !== r.hash) problems.push(`record ${seq} was changed: its content does not match its hash`);
    if (prev) {
      if (seq !== prev.seq + 1)
        problems.push(seq - 1 > prev.seq + 1 ? `records ${prev.seq + 1}–${seq - 1} are missing` : `record ${prev.seq + 1} is missing`);
      else if (r.prev_hash !== prev.hash) problems.push(`record ${seq} does not follow record ${prev.seq}: the chain is broken`);
    } else if (seq !== 1 || r.prev_hash !== GENESIS) {
      const p = prunes.find((x) => x.pruned!.throughSeq === seq - 1 && x.pruned!.lastHash === r.prev_hash);
      if (!p) problems.push(`records before ${seq} are missing and no retention record accounts for them`);
    }
    prev = { seq, hash: r.hash };
  }
  return { ok: problems.length === 0, records: rows.length, head: prev, problems };
}
