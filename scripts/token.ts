/** `npm run token -- --user <id>` or `npm run token -- --admin [--sub <id>]`: a development bearer token. */
import { parseArgs } from 'node:util';
import { mintToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';

const { values } = parseArgs({
  options: {
    user: { type: 'string' },
    admin: { type: 'boolean', default: false },
    sub: { type: 'string', default: 'admin' },
    expires: { type: 'string', default: '12h' },
  },
});
if (!values.user && !values.admin) {
  console.error('usage: npm run token -- --user <id> | --admin [--sub <id>] [--expires 12h]');
  process.exit(2);
}
const config = loadConfig();
const claims = values.admin
  ? { sub: values.sub, role: 'admin' as const }
  : { sub: values.user!, role: 'user' as const };
console.log(await mintToken(config.jwtSecret, claims, values.expires));
