// `npm run build`: the production build in dist/ (tsc, no bundler), started with `node dist/main.js`. Plain
// Node.js so that it needs nothing but TypeScript. The GraphQL schema files are read at start, so they are copied.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
cpSync('schema', 'dist/schema', { recursive: true });
// The web app the gateway serves at /app (src/web/static.ts finds it at ../../web/dist from its own file).
execFileSync(process.execPath, ['scripts/ensure-web.mjs'], { stdio: 'inherit' });
cpSync('web/dist', 'dist/web/dist', { recursive: true });
console.log('credence: built dist/ (start it with `npm run start:prod` or `node dist/main.js`)');
