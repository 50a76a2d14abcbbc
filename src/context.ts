import type { Viewer } from './auth/viewer.js';
import type { Config } from './config.js';
import type { Db } from './db/driver.js';
import type { Loaders } from './loaders.js';
import type { RequestRecord } from './observability/requests.js';

/** What every resolver receives: who is calling, per-request data access and loaders, configuration. */
export interface Context {
  viewer: Viewer;
  db: Db;
  loaders: Loaders;
  config: Config;
  /** What the request's log line and metrics say of it (never who the caller is). */
  request: RequestRecord;
}
