/**
 * `npm run bench:web [-- --runs 15]`: the web app's size and speed on the demo world.
 * - First-load JavaScript: the entry script and the chunks index.html preloads, gzipped (level 9, as a server
 *   would send them); the pages loaded later (lazy chunks) are listed apart.
 * - Time to show the score: a fresh browser context (cold cache) opens /app/score signed in as demo-alice; the
 *   time is `performance.now()` in the page when the score value appears (navigation start = 0), median of runs.
 * Seeds the demo world when demo-alice is missing. Writes bench/results/web-<timestamp>.json and .md.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createGateway } from '../gateway.js';
import { mintToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';
import { recomputeGraph } from '../src/trust/compute.js';
import { seedDemoWorld } from '../seed/demo-world.js';
import { findChromium } from '../test/e2e/browser.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);
const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'web/dist');

// 1. Sizes.
const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const firstLoad = [...html.matchAll(/(?:src|href)="\/app\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
const gz = (file: string) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;
const firstLoadFiles = firstLoad.map((file) => ({ file, gzipBytes: gz(file) }));
const firstLoadJsGzip = firstLoadFiles
  .filter((f) => f.file.endsWith('.js'))
  .reduce((s, f) => s + f.gzipBytes, 0);
const firstLoadCssGzip = firstLoadFiles
  .filter((f) => f.file.endsWith('.css'))
  .reduce((s, f) => s + f.gzipBytes, 0);
const lazy = readdirSync(join(DIST, 'assets'))
  .map((name) => `assets/${name}`)
  .filter((file) => file.endsWith('.js') && !firstLoad.includes(file))
  .map((file) => ({ file, gzipBytes: gz(file) }))
  .sort((a, b) => b.gzipBytes - a.gzipBytes);
console.log(
  `first-load JS: ${(firstLoadJsGzip / 1024).toFixed(1)} KB gzipped (CSS ${(firstLoadCssGzip / 1024).toFixed(1)} KB)`,
);

// 2. Time to show the score.
const config = { ...loadConfig(), trustRefreshMs: 0 };
const gateway = await createGateway(config, { port: 0 });
const session = gateway.driver.session({ database: config.neo4j.database });
const [alice] = (await session.run("MATCH (u:User {id: 'demo-alice'}) RETURN u.id AS id")).records;
await session.close();
if (!alice) {
  console.log('seeding the demo world…');
  await seedDemoWorld(gateway.driver, config);
  await recomputeGraph(gateway.driver, { database: config.neo4j.database });
}
const token = await mintToken(config.jwtSecret, { sub: 'demo-alice', role: 'user' });
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
const times: number[] = [];
for (let run = 0; run < runs + 2; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(
    ([session]) => {
      sessionStorage.setItem('credence.session', session!);
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid="score-value"]')) {
          (window as unknown as { scoreShownAt: number }).scoreShownAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    },
    [JSON.stringify({ kind: 'person', token, userId: 'demo-alice' })],
  );
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${gateway.port}/app/score`);
  await page.waitForSelector('[data-testid="score-value"]');
  const shownAt = await page.evaluate(() => (window as unknown as { scoreShownAt: number }).scoreShownAt);
  if (run >= 2) times.push(shownAt); // two warm-up runs (the gateway's first queries compile)
  await context.close();
}
await browser.close();
await gateway.close();
times.sort((a, b) => a - b);
const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]!);
const timeToScore = { runs: times.length, median: at(0.5), p90: at(0.9), min: Math.round(times[0]!) };
console.log(
  `time to show the score: median ${timeToScore.median} ms, p90 ${timeToScore.p90} ms over ${runs} runs`,
);

const stamp = new Date().toISOString().replaceAll(':', '-').replace('.', '-');
const result = {
  at: new Date().toISOString(),
  firstLoadJsGzip,
  firstLoadCssGzip,
  firstLoadFiles,
  lazy,
  timeToScore,
};
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, `bench/results/web-${stamp}.json`), JSON.stringify(result, null, 2) + '\n');
writeFileSync(
  join(ROOT, `bench/results/web-${stamp}.md`),
  [
    `# Web app: size and time to first score (${result.at})`,
    '',
    `- First-load JavaScript (gzipped, level 9): **${(firstLoadJsGzip / 1024).toFixed(1)} KB** (${firstLoadFiles
      .filter((f) => f.file.endsWith('.js'))
      .map((f) => f.file)
      .join(', ')}); CSS ${(firstLoadCssGzip / 1024).toFixed(1)} KB. Budget: ≤ 200 KB.`,
    `- Time to show the score (demo-alice, /app/score, cold browser cache, local gateway and Neo4j):` +
      ` **median ${timeToScore.median} ms**, p90 ${timeToScore.p90} ms, min ${timeToScore.min} ms over ${timeToScore.runs} runs. Budget: < 1 s.`,
    '',
    '| lazy chunk (loaded when its page opens) | gzipped |',
    '| --- | ---: |',
    ...lazy.map((f) => `| ${f.file} | ${(f.gzipBytes / 1024).toFixed(1)} KB |`),
    '',
  ].join('\n'),
);
