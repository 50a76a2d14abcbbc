/**
 * Fails when a generated file is not what `npm run codegen` makes from schema/ (and the web app's operations):
 * src/generated/graphql.ts (resolver types) and web/src/gql/ (the web app's typed documents). Run by `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const resolverTypes = 'src/generated/graphql.ts';
const webDir = 'web/src/gql/';
const dir = mkdtempSync(join(tmpdir(), 'credence-codegen-'));
try {
  const config = readFileSync('codegen.yml', 'utf8')
    .replace(`${resolverTypes}:`, `${join(dir, 'graphql.ts')}:`)
    .replace(`${webDir}:`, `${join(dir, 'web')}/:`);
  // Paths in the config (mappers, documents) stay relative to the project, where the check runs.
  writeFileSync(join(dir, 'codegen.yml'), config);
  execFileSync('npx', ['graphql-codegen', '--silent', '--config', join(dir, 'codegen.yml')], {
    stdio: 'inherit',
  });
  const stale: string[] = [];
  if (readFileSync(join(dir, 'graphql.ts'), 'utf8') !== readFileSync(resolverTypes, 'utf8'))
    stale.push(resolverTypes);
  const fresh = readdirSync(join(dir, 'web')).sort();
  const committed = existsSync(webDir) ? readdirSync(webDir).sort() : [];
  if (fresh.join() !== committed.join()) stale.push(webDir);
  else
    for (const file of fresh)
      if (readFileSync(join(dir, 'web', file), 'utf8') !== readFileSync(join(webDir, file), 'utf8'))
        stale.push(join(webDir, file));
  if (stale.length > 0) {
    console.error(
      `out of date with schema/ and web/src: ${stale.join(', ')}: run \`npm run codegen\` and commit`,
    );
    process.exit(1);
  }
  console.log(`${resolverTypes} and ${webDir} are up to date`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
