/**
 * The project's own Neo4j 5.26 Community server ("embedded" mode): fetched from Maven Central by the POM in
 * neo4j/, started as a child process on loopback, exactly as the official `neo4j console` launcher would.
 * Used by `npm start`, `npm run db:*` and the test set-up whenever NEO4J_URI is not set.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import neo4j from 'neo4j-driver';

export interface EmbeddedOptions {
  /** Data, logs, configuration and credentials of this instance. */
  home: string;
  boltPort: number;
  heap: string;
  pageCache: string;
  /** Where the jars live; instances share one copy (default: <home>/lib). */
  libDir?: string;
  log?: (line: string) => void;
}

export interface EmbeddedStatus {
  running: boolean;
  pid?: number;
  uri: string;
}

const POM = resolve(import.meta.dirname, '../../neo4j/pom.xml');
const ENTRY_POINT = 'org.neo4j.server.CommunityEntryPoint';

// The flags of Neo4j's own launcher (5.x) that matter outside it. The --add-opens are mandatory on Java 17.
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dlog4j2.disable.jmx=true',
  '-Dfile.encoding=UTF-8',
];

export class SetupError extends Error {}

function javaBinary(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** Neo4j 5.26 runs on Java 17 and 21 only; say so in one line instead of failing deep inside the JVM. */
export function checkJava(): number {
  const java = javaBinary();
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error)
    throw new SetupError(`Java not found (${java}): install a Java 17 or 21 runtime or set JAVA_HOME`);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr + result.stdout);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : NaN;
  if (major !== 17 && major !== 21) {
    throw new SetupError(
      `Neo4j 5.26 needs Java 17 or 21, but ${java} is Java ${Number.isNaN(major) ? 'unknown' : major}: set JAVA_HOME to a Java 17 or 21 runtime`,
    );
  }
  return major;
}

/** Copies the server's runtime jars from Maven Central into libDir (once). */
export function ensureJars(libDir: string, log: (line: string) => void): void {
  if (existsSync(libDir) && readdirSync(libDir).some((f) => f.startsWith('neo4j-bolt-'))) return;
  const probe = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (probe.error)
    throw new SetupError('Maven (mvn) not found: install Maven to fetch the Neo4j server jars');
  log('credence: fetching Neo4j 5.26 jars from Maven Central (first run, ~120 MB)…');
  mkdirSync(libDir, { recursive: true });
  const result = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      POM,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${libDir}`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0) {
    rmSync(libDir, { recursive: true, force: true });
    throw new SetupError('Maven could not fetch the Neo4j jars (see the output above)');
  }
}

function writeConfig(options: EmbeddedOptions): string {
  const confDir = join(options.home, 'conf');
  mkdirSync(confDir, { recursive: true });
  // Validation is strict: every key here must exist in 5.26, or the server refuses to start.
  const conf = [
    `server.directories.data=${join(options.home, 'data')}`,
    `server.directories.logs=${join(options.home, 'logs')}`,
    `server.directories.run=${join(options.home, 'run')}`,
    'server.default_listen_address=127.0.0.1',
    'server.bolt.enabled=true',
    `server.bolt.listen_address=127.0.0.1:${options.boltPort}`,
    'server.bolt.tls_level=DISABLED',
    'server.http.enabled=false',
    'server.https.enabled=false',
    'dbms.security.auth_enabled=true',
    `server.memory.pagecache.size=${options.pageCache}`,
    'dbms.memory.transaction.total.max=256m',
    'dbms.usage_report.enabled=false',
    // Erasure is complete at once (docs/privacy.md § 5): the transaction logs keep nothing but the most recent
    // non-empty file, and a file rotates at 1 MiB, so an erased person's data leaves them after 1 MiB of later
    // writes and the next checkpoint (15 minutes at most).
    'db.tx_log.rotation.retention_policy=false',
    'db.tx_log.rotation.size=1M',
    'db.checkpoint.interval.time=15m',
  ];
  writeFileSync(join(confDir, 'neo4j.conf'), conf.join('\n') + '\n');
  return confDir;
}

function pidFile(home: string): string {
  return join(home, 'run', 'credence-neo4j.pid');
}

function readPid(home: string): number | undefined {
  const file = pidFile(home);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function portTaken(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function credentialsFile(home: string): string {
  return join(home, 'credentials.json');
}

export function embeddedUri(port: number): string {
  return `bolt://127.0.0.1:${port}`;
}

/**
 * Server mode enables authentication with the initial password neo4j/neo4j that must be changed before use.
 * The first start sets a random password and keeps it in <home>/credentials.json (mode 0600).
 */
async function connectAndSecure(options: EmbeddedOptions): Promise<void> {
  const uri = embeddedUri(options.boltPort);
  const file = credentialsFile(options.home);
  if (existsSync(file)) {
    const { password } = JSON.parse(readFileSync(file, 'utf8')) as { password: string };
    const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password));
    try {
      await driver.verifyConnectivity();
    } finally {
      await driver.close();
    }
    return;
  }
  const password = randomBytes(18).toString('base64url');
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'neo4j'));
  try {
    const session = driver.session({ database: 'system' });
    try {
      await session.run('ALTER CURRENT USER SET PASSWORD FROM $old TO $new', { old: 'neo4j', new: password });
    } finally {
      await session.close();
    }
  } finally {
    await driver.close();
  }
  writeFileSync(file, JSON.stringify({ user: 'neo4j', password }) + '\n', { mode: 0o600 });
}

export async function status(options: EmbeddedOptions): Promise<EmbeddedStatus> {
  const pid = readPid(options.home);
  const uri = embeddedUri(options.boltPort);
  if (pid === undefined || !alive(pid)) return { running: false, uri };
  return { running: true, pid, uri };
}

/**
 * Starts the server unless this home's server is already running, then waits until a Bolt connection
 * verifies. Returns true when this call started it (so the caller knows to stop it).
 */
export async function start(options: EmbeddedOptions): Promise<boolean> {
  const log = options.log ?? ((line: string) => console.log(line));
  const current = await status(options);
  if (current.running) {
    await waitForBolt(options, current.pid!, 120_000);
    return false;
  }
  checkJava();
  const libDir = options.libDir ?? join(options.home, 'lib');
  ensureJars(libDir, log);
  if (await portTaken(options.boltPort)) {
    throw new SetupError(
      `port ${options.boltPort} is taken by another process: stop it, set NEO4J_BOLT_PORT, or point NEO4J_URI at that server`,
    );
  }
  const confDir = writeConfig(options);
  for (const dir of ['data', 'logs', 'run', 'plugins'])
    mkdirSync(join(options.home, dir), { recursive: true });
  const consoleLog = openSync(join(options.home, 'logs', 'console.log'), 'a');
  const classpath = [join(options.home, 'plugins', '*'), join(confDir, '*'), join(libDir, '*')].join(':');
  const child = spawn(
    javaBinary(),
    [
      '-cp',
      classpath,
      `-Xms${options.heap}`,
      `-Xmx${options.heap}`,
      ...JVM_FLAGS,
      ENTRY_POINT,
      `--home-dir=${options.home}`,
      `--config-dir=${confDir}`,
      '--console-mode',
    ],
    { detached: true, stdio: ['ignore', consoleLog, consoleLog] },
  );
  closeSync(consoleLog);
  child.unref();
  if (child.pid === undefined) throw new SetupError('could not start java');
  writeFileSync(pidFile(options.home), String(child.pid));
  await waitForBolt(options, child.pid, 180_000);
  return true;
}

async function waitForBolt(options: EmbeddedOptions, pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!alive(pid)) {
      const tail = readTail(join(options.home, 'logs', 'console.log'));
      throw new SetupError(`Neo4j exited during start-up; last lines of its log:\n${tail}`);
    }
    try {
      await connectAndSecure(options);
      return;
    } catch (error) {
      lastError = error;
      await sleep(250);
    }
  }
  throw new SetupError(
    `Neo4j did not accept Bolt connections within ${timeoutMs / 1000}s: ${String(lastError)}`,
  );
}

function readTail(file: string): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').split('\n').slice(-25).join('\n');
}

/** Stops the server cleanly (SIGTERM runs Neo4j's shutdown hook); SIGKILL only after a long grace period. */
export async function stop(options: EmbeddedOptions): Promise<boolean> {
  const pid = readPid(options.home);
  if (pid === undefined || !alive(pid)) {
    rmSync(pidFile(options.home), { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 60_000;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFile(options.home), { force: true });
  return true;
}

/** Kills the server without a clean shutdown: what the fault-tolerance tests do to it. */
export function kill(options: EmbeddedOptions): void {
  const pid = readPid(options.home);
  if (pid !== undefined && alive(pid)) process.kill(pid, 'SIGKILL');
}

/** Resident memory of the running server, in bytes (Linux /proc), for status and benchmarks. */
export function rssBytes(pid: number): number | undefined {
  try {
    const statusText = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(statusText);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
