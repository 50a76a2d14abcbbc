/**
 * The benchmark's own Neo4j: a separate instance (home .neo4j/bench, Bolt port 7698 by default) so that the
 * 100k/1M benchmark data never mixes with the development database, and its memory is measured on its own.
 * It shares the jars of the project's own instance (.neo4j/lib).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { createDriver } from '../src/db/driver.js';
import { credentialsFile, embeddedUri, type EmbeddedOptions } from '../src/db/embedded.js';

const ROOT = resolve(import.meta.dirname, '..');

export function benchNeo4jOptions(): EmbeddedOptions {
  return {
    home: resolve(process.env.BENCH_NEO4J_HOME || join(ROOT, '.neo4j', 'bench')),
    boltPort: Number(process.env.BENCH_NEO4J_PORT || 7698),
    heap: process.env.BENCH_NEO4J_HEAP || '1g',
    pageCache: process.env.BENCH_NEO4J_PAGECACHE || '1g',
    libDir: join(ROOT, '.neo4j', 'lib'),
    log: (line) => console.error(line),
  };
}

export function benchPassword(options: EmbeddedOptions): string {
  return (JSON.parse(readFileSync(credentialsFile(options.home), 'utf8')) as { password: string }).password;
}

export function benchDriver(options: EmbeddedOptions): Driver {
  return createDriver({
    uri: embeddedUri(options.boltPort),
    user: 'neo4j',
    password: benchPassword(options),
  });
}
