/** Fails when src/generated/graphql.ts is not what `npm run codegen` makes from schema/ (run by `npm test`). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const generated = 'src/generated/graphql.ts';
const dir = mkdtempSync(join(tmpdir(), 'credence-codegen-'));
try {
  const config = readFileSync('codegen.yml', 'utf8').replace(`${generated}:`, `${join(dir, 'graphql.ts')}:`);
  writeFileSync(join(dir, 'codegen.yml'), config);
  execFileSync('npx', ['graphql-codegen', '--silent', '--config', join(dir, 'codegen.yml')], {
    stdio: 'inherit',
  });
  const fresh = readFileSync(join(dir, 'graphql.ts'), 'utf8');
  if (fresh !== readFileSync(generated, 'utf8')) {
    console.error(`${generated} is out of date with schema/: run \`npm run codegen\` and commit the result`);
    process.exit(1);
  }
  console.log(`${generated} is up to date`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
