/**
 * `npm run docs:config` writes docs/configuration.md from the variables of src/config.ts (their type, default and
 * description); `--check` fails when the file is not what it would write (run by `npm test`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { variableDocs } from '../src/config.js';

const FILE = 'docs/configuration.md';

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function renderConfigurationDoc(): string {
  const groups = new Map<string, string[]>();
  for (const { name, doc } of variableDocs()) {
    const rows = groups.get(doc.group) ?? [];
    const fallback =
      doc.default === undefined
        ? 'unset'
        : /^[\w.-]+$/.test(doc.default)
          ? `\`${doc.default}\``
          : doc.default;
    rows.push(
      `| \`${name}\` | ${cell(doc.type)} | ${cell(fallback)} | ${cell(doc.secret ? `**Secret.** ${doc.description}` : doc.description)} |`,
    );
    groups.set(doc.group, rows);
  }
  const sections = [...groups].map(
    ([group, rows]) =>
      `## ${group}\n\n| Variable | Type | Default | Description |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`,
  );
  return `# Configuration

<!-- Generated from src/config.ts by \`npm run docs:config\`; \`npm test\` fails when it is stale. Edit the source. -->

Credence reads its configuration from the environment only, once at start, through one validated schema
(src/config.ts, zod). A wrong value stops the start with a message naming every variable at fault; a set
\`CREDENCE_*\` variable that the schema does not know is reported in the log (\`unknown configuration variable\`),
as it is most likely a typo. An empty value counts as unset.

In production (\`NODE_ENV=production\`) the gateway refuses to start without \`CREDENCE_JWT_SECRET\` and
\`CREDENCE_IDENTITY_SECRET\`, and refuses any secret (those two, \`CREDENCE_TRACE_SECRET\`,
\`CREDENCE_METRICS_TOKEN\`) shorter than 32 bytes. \`node dist/main.js\` in production also needs \`NEO4J_URI\` and
\`NEO4J_PASSWORD\`: it starts no database, installs nothing and seeds nothing.

${sections.join('\n')}`;
}

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
// Formatted as `npm run format` would, so that the file stays lint-clean and the check stays exact.
const fresh = await format(renderConfigurationDoc(), {
  ...(await resolveConfig(FILE)),
  filepath: FILE,
});
if (values.check) {
  let current = '';
  try {
    current = readFileSync(FILE, 'utf8');
  } catch {
    // missing: stale
  }
  if (current !== fresh) {
    console.error(
      `${FILE} is out of date with src/config.ts: run \`npm run docs:config\` and commit the result`,
    );
    process.exit(1);
  }
  console.log(`${FILE} is up to date`);
} else {
  writeFileSync(FILE, fresh);
  console.log(`wrote ${FILE}`);
}
