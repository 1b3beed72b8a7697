// The audit trail over a real SQLite store: appends chain, `verifyAudit` finds an edited record, a
// deleted one and a removed beginning, and retention keeps what is left verifiable.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { AuditTrail, readAudit, verifyAudit, type AuditRecord } from './trail.js';

let p: TestProject;
let trail: AuditTrail;
beforeEach(async () => {
  p = await openTestProject('sqlite');
  trail = new AuditTrail(p.sluice.services.store.db);
});
afterEach(() => p.cleanup());

const record = (operation: string, at: string, o: Partial<AuditRecord> = {}): AuditRecord => ({
  time: at,
  principal: 'arn:aws:iam::123456789012:user/alice',
  accessKey: 'AKIAALICE',
  sourceIp: '127.0.0.1',
  operation,
  resources: [`arn:aws:glue:us-east-1:123456789012:database/${operation.toLowerCase()}`],
  requestId: `req-${operation}`,
  outcome: 'Allowed',
  ...o,
});

async function fill() {
  await Promise.all([
    trail.append(record('CreateDatabase', '2026-01-01T00:00:00Z')),
    trail.append(record('DeleteTable', '2026-02-01T00:00:00Z', { outcome: 'Denied', errorType: 'AccessDeniedException' })),
    trail.append(record('UpdateJob', '2026-03-01T00:00:00Z')),
    trail.append(record('DeleteDatabase', '2026-04-01T00:00:00Z', { principal: 'arn:aws:iam::123456789012:user/bob' })),
  ]);
}

describe('the audit trail', () => {
  it('chains every record to the one before and verifies', async () => {
    await fill();
    const v = await verifyAudit(p.sluice.services.store.db);
    expect(v).toMatchObject({ ok: true, records: 4, problems: [] });
    const all = await readAudit(p.sluice.services.store.db);
    expect(all.map((r) => [r.seq, r.operation])).toEqual([
      [1, 'CreateDatabase'],
      [2, 'DeleteTable'],
      [3, 'UpdateJob'],
      [4, 'DeleteDatabase'],
    ]);
    expect(all[1].prevHash).toBe(all[0].hash);
    expect(v.head).toEqual({ seq: 4, hash: all[3].hash });
  });

  it('filters by principal, operation, resource, outcome and time', async () => {
    await fill();
    const { db } = p.sluice.services.store;
    const ops = async (f: Parameters<typeof readAudit>[1]) => (await readAudit(db, f)).map((r) => r.operation);
    expect(await ops({ principal: 'user/bob' })).toEqual(['DeleteDatabase']);
    expect(await ops({ operation: 'UpdateJob' })).toEqual(['UpdateJob']);
    expect(await ops({ resource: 'database/deletetable' })).toEqual(['DeleteTable']);
    expect(await ops({ outcome: 'Denied' })).toEqual(['DeleteTable']);
    expect(await ops({ since: Date.parse('2026-02-15T00:00:00Z'), until: Date.parse('2026-03-15T00:00:00Z') })).toEqual(['UpdateJob']);
    expect(await ops({ limit: 2 })).toEqual(['UpdateJob', 'DeleteDatabase']);
  });

  it('detects an edited record', async () => {
    await fill();
    const { db } = p.sluice.services.store;
    const r2 = await db.selectFrom('audit_records').select('doc').where('seq', '=', 2).executeTakeFirstOrThrow();
    await db
      .updateTable('audit_records')
      .set({ doc: r2.doc.replace('Denied', 'Allowed') })
      .where('seq', '=', 2)
      .execute();
    expect((await verifyAudit(db)).problems).toEqual(['record 2 was changed: its content does not match its hash']);
  });

  it('detects a deleted record, and a removed beginning', async () => {
    await fill();
    const { db } = p.sluice.services.store;
    await db.deleteFrom('audit_records').where('seq', '=', 3).execute();
    expect((await verifyAudit(db)).problems).toEqual(['record 3 is missing']);
    await db.deleteFrom('audit_records').where('seq', '=', 1).execute();
    expect((await verifyAudit(db)).problems[0]).toBe('records before 2 are missing and no retention record accounts for them');
  });

  it('removes old records by retention and stays verifiable', async () => {
    await fill();
    const { db } = p.sluice.services.store;
    expect(await trail.prune(Date.parse('2026-03-15T00:00:00Z'))).toBe(3);
    const left = await readAudit(db);
    expect(left.map((r) => r.operation)).toEqual(['DeleteDatabase', 'sluice:PruneAuditTrail']);
    expect(left[1].pruned?.throughSeq).toBe(3);
    expect(await verifyAudit(db)).toMatchObject({ ok: true, records: 2 });
  });
});
