/**
 * The fastest way to put a large synthetic network into an empty Neo4j: the offline importer (`neo4j-admin database
 * import full`, shipped in the server's jars as org.neo4j.cli.AdminTool) reading CSV files, instead of UNWIND
 * batches through Bolt (seed/synthetic.ts loadSynthetic). Measured on this machine under load: loadSynthetic wrote
 * 100,000 relationships in 88 s, so the 10,000,000 of a 1M-people network would take hours; the importer writes the
 * store files directly. The server must be stopped; the database is replaced (--overwrite-destination). The
 * properties are exactly those loadSynthetic writes, so the trust computation reads the same graph either way.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { SyntheticGraph } from '../seed/synthetic.js';

/** A CSV file written in chunks (millions of lines do not fit one string). */
async function writeCsv(file: string, header: string, count: number, line: (i: number) => string) {
  const out = createWriteStream(file);
  out.write(header + '\n');
  let chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    chunk.push(line(i));
    if (chunk.length === 50_000) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length > 0) out.write(chunk.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
}

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** Writes the graph as the importer's CSV files (ids `<dataset>_<n>` as loadSynthetic gives them). */
export async function writeImportFiles(
  graph: SyntheticGraph,
  dataset: string,
  dir: string,
): Promise<string[]> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const id = (i: number) => `${dataset}_${i}`;
  const files = {
    users: join(dir, 'users.csv'),
    endorsements: join(dir, 'endorsements.csv'),
    ratings: join(dir, 'ratings.csv'),
    identities: join(dir, 'identities.csv'),
    hasIdentity: join(dir, 'has-identity.csv'),
    events: join(dir, 'events.csv'),
    hasEvent: join(dir, 'has-event.csv'),
  };
  await writeCsv(
    files.users,
    'id:ID(User),handle,displayName,status,createdAt:datetime,dataset,scoringConsent:boolean,syntheticSybil:boolean',
    graph.users,
    (i) =>
      `${id(i)},${id(i)},Synthetic ${id(i)},ACTIVE,${iso(graph.userCreatedAt[i]!)},${dataset},true,` +
      `${graph.sybil[i] === 1}`,
  );
  const endorsements: number[] = [];
  const ratings: number[] = [];
  for (let e = 0; e < graph.src.length; e++) (graph.kind[e] === 0 ? endorsements : ratings).push(e);
  await writeCsv(
    files.endorsements,
    ':START_ID(User),:END_ID(User),id,strength:int,public:boolean,createdAt:datetime',
    endorsements.length,
    (n) => {
      const e = endorsements[n]!;
      return (
        `${id(graph.src[e]!)},${id(graph.dst[e]!)},${dataset}_e${e},${graph.value[e]},` +
        `${graph.isPublic[e] === 1},${iso(graph.edgeCreatedAt[e]!)}`
      );
    },
  );
  await writeCsv(
    files.ratings,
    ':START_ID(User),:END_ID(User),id,rating:int,createdAt:datetime',
    ratings.length,
    (n) => {
      const e = ratings[n]!;
      return `${id(graph.src[e]!)},${id(graph.dst[e]!)},${dataset}_e${e},${graph.value[e]},${iso(graph.edgeCreatedAt[e]!)}`;
    },
  );
  await writeCsv(
    files.identities,
    'id:ID(Identity),key,provider,assurance,verifiedAt:datetime,expiresAt:datetime',
    graph.identities.length,
    (i) => {
      const identity = graph.identities[i]!;
      const expires = identity.expiresAt === null ? '' : iso(identity.expiresAt);
      return `${dataset}_i${i},${dataset}_i${i},${identity.provider},${identity.assurance},${iso(identity.verifiedAt)},${expires}`;
    },
  );
  await writeCsv(files.hasIdentity, ':START_ID(User),:END_ID(Identity)', graph.identities.length, (i) => {
    return `${id(graph.identities[i]!.user)},${dataset}_i${i}`;
  });
  await writeCsv(
    files.events,
    'id:ID(Event),kind,occurredAt:datetime,source,recordedAt:datetime',
    graph.events.length,
    (i) => {
      const event = graph.events[i]!;
      return `${dataset}_v${i},${event.kind},${iso(event.occurredAt)},synthetic,${iso(event.occurredAt)}`;
    },
  );
  await writeCsv(files.hasEvent, ':START_ID(User),:END_ID(Event)', graph.events.length, (i) => {
    return `${id(graph.events[i]!.user)},${dataset}_v${i}`;
  });
  return [
    `--nodes=User=${files.users}`,
    `--nodes=Identity=${files.identities}`,
    `--nodes=Event=${files.events}`,
    `--relationships=ENDORSES=${files.endorsements}`,
    `--relationships=RATED=${files.ratings}`,
    `--relationships=HAS_IDENTITY=${files.hasIdentity}`,
    `--relationships=HAS_EVENT=${files.hasEvent}`,
  ];
}

/**
 * Runs the offline importer of the Neo4j home (stopped) over the files, replacing its `neo4j` database. The
 * importer's own output goes to `logFile`.
 */
export async function importOffline(options: {
  home: string;
  libDir: string;
  inputs: string[];
  heap: string;
  log: (line: string) => void;
}): Promise<void> {
  const child = spawn(
    'java',
    [
      `-Xmx${options.heap}`,
      '-cp',
      [join(options.home, 'conf'), join(options.libDir, '*')].join(':'),
      'org.neo4j.cli.AdminTool',
      'database',
      'import',
      'full',
      // The database name before the options: --nodes takes any number of files and would swallow it.
      'neo4j',
      '--overwrite-destination=true',
      '--threads=2',
      `--report-file=${join(options.home, 'logs', 'import.report')}`,
      ...options.inputs,
    ],
    {
      env: { ...process.env, NEO4J_HOME: options.home, NEO4J_CONF: join(options.home, 'conf') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let tail = '';
  const keep = (data: Buffer) => {
    tail = (tail + data.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the offline import failed (exit ${code}):\n${tail}`);
  options.log(
    tail
      .split('\n')
      .filter((l) => /IMPORT DONE|Imported/.test(l))
      .join(' ') || 'import done',
  );
}
