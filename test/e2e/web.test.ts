/**
 * The web app in a real Chromium against the real gateway and Neo4j: a person signs in, reads their score and
 * reasons that sum to it, grants and revokes a consent (keyboard only), sees a partner's check, files a dispute
 * and deletes their account; a partner uploads a CSV and downloads the results. axe-core checks every page at
 * 1280 and 375 px; the tests leave screenshots in docs/screenshots/.
 *
 * This file starts its own gateway (its own in-memory rate limiter), so the browser's traffic never spends the
 * budgets of the shared gateway the other integration files use.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type RunningGateway } from '../../gateway.js';
import { mintToken } from '../../src/auth/tokens.js';
import { loadConfig } from '../../src/config.js';
import { recomputeGraph } from '../../src/trust/compute.js';
import { config, cypher, driver, removeUsers, unique } from '../integration/helpers.js';
import { removePartners } from '../integration/partner-helpers.js';
import { findChromium } from './browser.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOTS = join(ROOT, 'docs/screenshots');
const DESKTOP = { width: 1280, height: 800 };
/** expect.poll waits for a page to catch up (1 s by default: too short on a loaded machine). */
const POLL = { timeout: 120_000 };
const PHONE = { width: 375, height: 740 };

let gateway: RunningGateway;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let app: string;
const made: string[] = [];
const partners: string[] = [];
const axeFindings: string[] = [];

const dataset = unique('web').replace('_', '');
const ids = {
  anchor: `${dataset}_anchor`,
  pub: `${dataset}_pub`,
  priv: `${dataset}_priv`,
  me: `${dataset}_me`,
};
const partnerName = `Rentals ${dataset.slice(-6)}`;
let apiKey = '';
let openPerkId = '';

async function gql<T>(query: string, variables: Record<string, unknown>, auth: Record<string, string>) {
  const response = await fetch(`${gatewayUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

const gatewayUrl = () => `http://127.0.0.1:${gateway.port}`;
const bearer = async (sub: string, role: 'user' | 'admin' = 'user') => ({
  authorization: `Bearer ${await mintToken(config.jwtSecret, { sub, role })}`,
});

/** A small world of its own (a dataset graph): an anchor, a public and a private voucher, and the person. */
async function buildWorld() {
  await cypher(
    `UNWIND $people AS p
     CREATE (:User {id: p.id, handle: p.id, displayName: p.name, dataset: $dataset, status: 'ACTIVE',
                    createdAt: datetime() - duration({days: 400}), scoringConsent: true})`,
    {
      dataset,
      people: [
        { id: ids.anchor, name: 'Anchor Ann' },
        { id: ids.pub, name: 'Public Pat' },
        { id: ids.priv, name: 'Private Pia' },
        { id: ids.me, name: 'Wendy Web' },
      ],
    },
  );
  made.push(...Object.values(ids));
  await cypher(
    `MATCH (a:User {id: $a}), (p:User {id: $p}), (q:User {id: $q}), (m:User {id: $m})
     SET a.anchor = true
     CREATE (a)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(p),
            (a)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(q),
            (p)-[:ENDORSES {id: randomUUID(), strength: 5, public: true, createdAt: datetime()}]->(m),
            (q)-[:ENDORSES {id: randomUUID(), strength: 4, public: false, createdAt: datetime()}]->(m)`,
    { a: ids.anchor, p: ids.pub, q: ids.priv, m: ids.me },
  );
  const admin = await bearer(unique('admin'), 'admin');
  await gql(
    'mutation($input: LinkIdentityInput!) { linkIdentity(input: $input) { id } }',
    { input: { userId: ids.me, provider: 'bank-id', subject: unique('s'), assurance: 'SUBSTANTIAL' } },
    admin,
  );
  for (const kind of ['COMMITMENT_FULFILLED', 'COMMITMENT_FULFILLED', 'COMMITMENT_LATE'])
    await gql(
      'mutation($input: RecordEventInput!) { recordEvent(input: $input) { id } }',
      { input: { userId: ids.me, kind } },
      admin,
    );
  await recomputeGraph(driver, { database: config.neo4j.database, dataset });

  const created = await gql<{ createPartner: { partner: { id: string }; apiKey: string } }>(
    'mutation($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } apiKey } }',
    { input: { name: partnerName, scopes: ['ELIGIBILITY_CHECK', 'PERKS_MANAGE'] } },
    admin,
  );
  partners.push(created.createPartner.partner.id);
  apiKey = created.createPartner.apiKey;
  const perk = async (name: string, rule: Record<string, unknown>) =>
    (
      await gql<{ createPerk: { id: string } }>(
        'mutation($input: CreatePerkInput!) { createPerk(input: $input) { id } }',
        { input: { name, description: `${name} for trusted renters`, rule } },
        { 'x-api-key': apiKey },
      )
    ).createPerk.id;
  openPerkId = await perk('No-deposit rental', { minScore: 420 });
  await perk('Premium fleet', { minScore: 780 });
}

/** Waits until the page's lazy chunk and its data are in (no "Loading…" left) and a heading is shown. */
async function settled(): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('main')?.textContent?.includes('Loading'));
}

async function open(path: string): Promise<void> {
  await page.goto(`${app}${path.replace(/^\//, '')}`);
  await settled();
}

/** axe-core at desktop and phone width; serious and critical violations are collected, screenshots taken. */
async function audit(name: string): Promise<void> {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await settled();
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    for (const violation of result.violations)
      if (violation.impact === 'serious' || violation.impact === 'critical')
        axeFindings.push(
          `${name} @${viewport.width}px: ${violation.id} (${violation.impact}) ${violation.nodes
            .map((node: { target: unknown[] }) => node.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
        );
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size}.png`) });
  }
  await page.setViewportSize(DESKTOP);
}

/** Presses Tab until the focused element's accessible text matches, as a keyboard-only user would. */
async function tabTo(name: RegExp, limit = 80): Promise<void> {
  for (let n = 0; n < limit; n++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      if (!el) return '';
      // A form field is known by its label; a link or button by its text.
      return (el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

async function signInAsPerson(): Promise<void> {
  await open('');
  await page.locator('#account-id').fill(ids.me);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/app\/score$/);
  await settled();
}

beforeAll(async () => {
  const built = spawnSync('node', ['scripts/ensure-web.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the web app did not build');
  const executablePath = findChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  gateway = await createGateway(loadConfig(), { port: 0 });
  app = `${gatewayUrl()}/app/`;
  await buildWorld();
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true, locale: 'en-GB' });
  page = await context.newPage();
  // Waits are for things to appear, never a speed bound: on a loaded machine they may take long.
  page.setDefaultTimeout(120_000);
  page.setDefaultNavigationTimeout(120_000);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await removePartners(partners);
  await removeUsers(made);
  if (axeFindings.length === 0)
    console.log('axe-core: no serious or critical violation on any page at 1280 and 375 px');
});

// Each test drives a browser on a shared, loaded machine: generous per-test time (never a speed assertion).
describe('the web app in Chromium', { timeout: 600_000 }, () => {
  it('serves the app at /app (any path answers the app, assets are cached), and development sign-in', async () => {
    const deep = await fetch(`${app}consents`);
    expect(deep.status).toBe(200);
    const html = await deep.text();
    expect(html).toContain('<div id="root">');
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(`${gatewayUrl()}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${gatewayUrl()}/dev/people`)).status).toBe(200);
  });

  it('a production gateway has no development sign-in', async () => {
    const saved = { ...process.env };
    process.env.NODE_ENV = 'production';
    process.env.CREDENCE_JWT_SECRET = config.jwtSecret.padEnd(32, 'x');
    process.env.CREDENCE_IDENTITY_SECRET = config.identityHashSecret.padEnd(32, 'x');
    delete process.env.CREDENCE_DEV_SIGN_IN;
    let production: RunningGateway | undefined;
    try {
      production = await createGateway(loadConfig(), { port: 0 });
      const base = `http://127.0.0.1:${production.port}`;
      expect((await fetch(`${base}/dev/people`)).status).toBe(404);
      const token = await fetch(`${base}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: ids.me }),
      });
      expect(token.status).toBe(404);
    } finally {
      process.env = saved;
      await production?.close();
    }
  });

  it('a person signs in and reads a score whose reasons sum exactly to it', async () => {
    await open('');
    await audit('sign-in');
    await signInAsPerson();
    const { me } = await gql<{
      me: { trustScore: { value: number; baseline: number; explanation: { reasons: { points: number }[] } } };
    }>(
      '{ me { trustScore { value baseline explanation { reasons { points } } } } }',
      {},
      await bearer(ids.me),
    );
    const score = me.trustScore;
    expect(await page.getByTestId('score-value').textContent()).toBe(String(score.value));
    const shown = (await page.getByTestId('reason-points').allTextContents()).map(Number);
    expect(shown).toHaveLength(score.explanation.reasons.length);
    expect(shown.length).toBeGreaterThan(2);
    expect(score.baseline + shown.reduce((a, b) => a + b, 0)).toBe(score.value);
    expect(await page.getByTestId('score-total').textContent()).toBe(String(score.value));
    await audit('score');
  });

  it('shows improvements, history, vouchers (the private one unnamed) and perks', async () => {
    await open('improve');
    expect(await page.getByTestId('improvement-points').count()).toBeGreaterThan(0);
    await audit('improve');
    await open('history');
    await audit('history');
    await open('vouches');
    const paths = await page.getByTestId('paths').textContent();
    expect(paths).toContain(`${ids.anchor} (anchor) → ${ids.pub} → ${ids.me}`);
    const contributors = await page.getByTestId('contributors').textContent();
    expect(contributors).toContain(ids.pub);
    expect(contributors).toContain('A private voucher');
    expect(contributors).not.toContain(ids.priv);
    await audit('vouches');
    await open('perks');
    await expect.poll(() => page.getByText('No-deposit rental').count(), POLL).toBeGreaterThan(0);
    await audit('perks');
  });

  it('grants and revokes a consent with the keyboard alone', async () => {
    await open('score');
    await tabTo(/^Consents$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/consents$/);
    await settled();
    await tabTo(/^Partner$/);
    await page.keyboard.type(partnerName);
    expect(await page.locator('#consent-partner option:checked').textContent()).toBe(partnerName);
    await tabTo(/^Grant consent$/);
    await page.keyboard.press('Enter');
    await page.getByText(`Consent granted to ${partnerName}.`).waitFor();
    const row = page.getByTestId('consents').locator('tr', { hasText: partnerName });
    await expect.poll(() => row.textContent(), POLL).toContain('Active');
    await tabTo(new RegExp(`^Revoke consent to ${partnerName}$`));
    await page.keyboard.press('Enter');
    await page.getByText(`Consent to ${partnerName} revoked.`).waitFor();
    await expect.poll(() => row.textContent(), POLL).toContain('Revoked');
    await audit('consents');
  });

  it("sees a partner's check appear in Who checked me", async () => {
    // Consent again (by mouse this time), then the partner checks through the API.
    await page.locator('#consent-partner').selectOption({ label: partnerName });
    await page.getByRole('button', { name: 'Grant consent' }).click();
    await page.getByText(`Consent granted to ${partnerName}.`).waitFor();
    await gql(
      'query($p: ID!, $u: ID!) { eligibility(perkId: $p, userId: $u) { eligible } }',
      { p: openPerkId, u: ids.me },
      { 'x-api-key': apiKey },
    );
    await open('checks');
    const row = page.getByTestId('checks').locator('tr', { hasText: partnerName });
    expect(await row.textContent()).toContain('No-deposit rental');
    expect(await row.textContent()).toContain('Eligible');
    await audit('checks');
  });

  it('files a dispute and follows its status', async () => {
    await open('disputes');
    await page.locator('#dispute-item').selectOption({ label: (await lateEventLabel())! });
    await page.locator('#dispute-statement').fill('I returned the car on time; the partner logged it late.');
    await page.getByRole('button', { name: 'File dispute' }).click();
    await page.getByText('Dispute filed').waitFor();
    const row = page.getByTestId('disputes').locator('tr', { hasText: 'I returned the car on time' });
    await expect.poll(() => row.textContent(), POLL).toContain('Open');
    await audit('disputes');
    await open('privacy');
    await audit('privacy');
  });

  it('a partner signs in with its key, uploads a CSV of ids and downloads the results', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await settled();
    await page.locator('#api-key').fill(apiKey);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/partner\/perks$/);
    await settled();
    expect(await page.getByTestId('partner-perks').textContent()).toContain('Premium fleet');
    await audit('partner-perks');
    await open('partner/check');
    await audit('partner-check');
    await open('partner/inquiries');
    await audit('partner-inquiries');
    await open('partner/key');
    await audit('partner-key');

    await open('partner/batch');
    await page.locator('#check-perk').selectOption({ label: 'No-deposit rental' });
    const stranger = unique('nobody');
    await page.locator('#batch-file').setInputFiles({
      name: 'ids.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`userId\n${ids.me}\n${stranger}\n`),
    });
    await page.getByText('2 id(s) read.').waitFor();
    await page.getByRole('button', { name: 'Check 2 id(s)' }).click();
    const table = page.getByTestId('batch-results');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(await table.locator('tr', { hasText: ids.me }).textContent()).toContain('Yes');
    // A stranger and a person without consent answer alike: NO_CONSENT.
    expect(await table.locator('tr', { hasText: stranger }).textContent()).toContain('No consent');
    await audit('partner-batch');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download results as CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe('userId,eligible,reason,band,validUntil,retryAfter');
    expect(csv[1]).toMatch(new RegExp(`^${ids.me},true,,`));
    expect(csv[2]).toMatch(new RegExp(`^${stranger},false,NO_CONSENT,`));
  });

  it('a person deletes their account after a confirmation that says what remains', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAsPerson();
    await open('privacy');
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('pseudonymised');
    await page.getByRole('button', { name: 'Yes, delete everything' }).click();
    await page.locator('#account-id').waitFor();
    const left = await cypher<{ n: number }>('MATCH (u:User {id: $id}) RETURN count(u) AS n', { id: ids.me });
    expect(Number(left[0]!.n)).toBe(0);
  });

  it('has no serious or critical accessibility violation on any page', () => {
    expect(axeFindings).toEqual([]);
  });
});

/** The dispute form's label of the person's late commitment. */
async function lateEventLabel(): Promise<string | undefined> {
  const labels = await page.locator('#dispute-item option').allTextContents();
  return labels.find((label) => label.startsWith('Commitment late'));
}
