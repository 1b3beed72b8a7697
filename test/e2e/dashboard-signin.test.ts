// The dashboard against a server that verifies signatures (not in dev mode): it asks for an access key,
// signs every request with SigV4 in the browser (WebCrypto), and refuses a wrong secret plainly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_KEY, type TestServer } from '../helpers/server.js';
import { launchBrowser, type Browser } from '../../src/monitoring/test-support/browser.js';

// page.evaluate runs in the browser, where this exists.
declare const sessionStorage: { getItem(key: string): string | null };

let s: TestServer;
let browser: Browser;

beforeAll(async () => {
  s = await startTestServer();
  await s.sluice.call('CreateDatabase', { DatabaseInput: { Name: 'signed_in' } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.cleanup();
});

const signIn = async (id: string, secret: string) => {
  const { page } = browser;
  await page.fill('[data-testid=sign-in] input[name=accessKeyId]', id);
  await page.fill('[data-testid=sign-in] input[name=secretAccessKey]', secret);
  await page.click('[data-testid=sign-in] button[type=submit]');
};

describe('dashboard sign-in', () => {
  it('asks for a key, refuses a wrong secret, and works signed with the right one', async () => {
    const { page } = browser;
    await page.goto(`${s.url}/ui/catalog`);
    await page.locator('[data-testid=sign-in]', { hasText: 'This server checks signatures (it is not in dev mode).' }).waitFor();
    const before = browser.errors.length;

    await signIn(TEST_KEY.id, 'not-the-secret');
    await page
      .locator('[data-testid=sign-in]', { hasText: 'The access key was refused: The request signature we calculated does not match' })
      .waitFor();

    await signIn(TEST_KEY.id, TEST_KEY.secret);
    await page.locator('[data-testid=databases] li', { hasText: 'signed_in' }).waitFor();
    // Only the refused requests were errors (Chromium logs each 4xx answer).
    expect(browser.errors.slice(before).every((e) => /status of 400/.test(e))).toBe(true);
    expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('sluice.credentials')!).accessKeyId)).toBe(TEST_KEY.id);
  });

  it("shows the audit trail: the refused sign-in's calls, filtered by outcome, and the chain intact", async () => {
    const { page } = browser;
    await page.goto(`${s.url}/ui/audit`);
    await page.locator('[data-testid=audit-chain]', { hasText: 'Intact:' }).waitFor();
    const denied = page.locator('[data-testid=audit-records] tr[data-outcome=Denied]', { hasText: TEST_KEY.id });
    await denied.first().waitFor();
    expect(await denied.first().textContent()).toMatch(/GetDatabases.*InvalidSignatureException/);
    await page.selectOption('[data-testid=audit-records] select[name=outcome]', 'Allowed');
    await page.locator('[data-testid=audit-records]', { hasText: 'No records match.' }).waitFor();
  });
});
