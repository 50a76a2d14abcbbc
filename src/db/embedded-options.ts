import type { Config } from '../config.js';
import type { EmbeddedOptions } from './embedded.js';

export function embeddedOptions(config: Config): EmbeddedOptions {
  return {
    home: config.neo4j.home,
    boltPort: config.neo4j.boltPort,
    heap: config.neo4j.heap,
    pageCache: config.neo4j.pageCache,
  };
}
