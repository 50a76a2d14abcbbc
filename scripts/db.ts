/** `npm run db:start | db:stop | db:status`: the project's own Neo4j on loopback. */
import { loadConfig } from '../src/config.js';
import { SetupError, rssBytes, start, status, stop } from '../src/db/embedded.js';
import { embeddedOptions } from '../src/db/embedded-options.js';

const config = loadConfig();
const options = embeddedOptions(config);
const command = process.argv[2];

try {
  if (config.neo4j.externalUri) {
    console.log(`NEO4J_URI is set (${config.neo4j.externalUri}): Credence uses that server and starts none.`);
  } else if (command === 'start') {
    const began = Date.now();
    const started = await start(options);
    const s = await status(options);
    const took = ((Date.now() - began) / 1000).toFixed(1);
    console.log(
      `${started ? `Neo4j started in ${took}s` : 'Neo4j already running'}: ${s.uri} (pid ${s.pid})`,
    );
  } else if (command === 'stop') {
    console.log((await stop(options)) ? 'Neo4j stopped' : 'Neo4j was not running');
  } else if (command === 'status') {
    const s = await status(options);
    if (s.running) {
      const rss = rssBytes(s.pid!);
      console.log(
        `running: ${s.uri} (pid ${s.pid}, RSS ${rss ? Math.round(rss / 2 ** 20) + ' MiB' : 'unknown'})`,
      );
    } else {
      console.log('stopped');
      process.exitCode = 3;
    }
  } else {
    console.error('usage: db.ts start|stop|status');
    process.exitCode = 2;
  }
} catch (error) {
  if (error instanceof SetupError) {
    console.error(`credence: ${error.message}`);
    process.exitCode = 1;
  } else throw error;
}
