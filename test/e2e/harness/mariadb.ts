/**
 * A throwaway MariaDB server for the end-to-end suite: Debian's `mariadb-server` binaries
 * (`mariadb-install-db`, `mariadbd`) run on a private data directory and Unix socket under a
 * temporary directory, with networking off. No system service, no /etc/mysql option file
 * (`--no-defaults`) and no TCP port are touched, so it can run beside a real server.
 *
 * Usage:
 *
 * ```ts
 * const db = await startMariaDb();
 * try {
 *   // TEJUN_MYSQL_DEFAULTS=db.defaultsFile makes a runbook's mysql sessions use it
 *   await db.query('SHOW DATABASES');
 *   await db.login('nova', 'the password', 'SELECT CURRENT_USER()');
 * } finally {
 *   await db.stop();
 * }
 * ```
 *
 * Every function fails loudly (throws) when a MariaDB binary is missing: the suite needs
 * `apt-get install -y --no-install-recommends mariadb-server mariadb-client` (what .ci/run does).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running server. */
export interface MariaDb {
  /** The directory holding everything of this server (data, socket, logs, defaults file). */
  dir: string;
  /** Absolute path of the server's Unix socket. */
  socket: string;
  /**
   * A client option file (mode 0600): `[client]` with `socket`, `user=root` and the root
   * password. Give it to a runbook as TEJUN_MYSQL_DEFAULTS, or to a client as
   * `--defaults-extra-file`.
   */
  defaultsFile: string;
  /** The root password (random hex, 32 characters). */
  rootPassword: string;
  /** The client program used by {@link MariaDb.query} and {@link MariaDb.login} (`mariadb` or `mysql`). */
  client: string;
  /**
   * Runs `sql` (one or more statements, fed on stdin) as root; resolves to the client's stdout in
   * batch format (tab-separated, no headers, `--skip-column-names --batch`). Rejects with the
   * client's stderr when it exits non-zero.
   */
  query(sql: string): Promise<string>;
  /**
   * A real client connection as `user`@localhost over the socket with `password` (passed in the
   * MYSQL_PWD environment variable, so any string but NUL works and nothing is on argv); runs
   * `sql` on stdin. Resolves to `{ code, stdout, stderr }` (code 0 = logged in and ran).
   */
  login(user: string, password: string, sql?: string): Promise<ClientResult>;
  /** Shuts the server down (SIGTERM, then SIGKILL after 20 s) and removes `dir`. Idempotent. */
  stop(): Promise<void>;
}

/** Exit status and output of one client run. */
export interface ClientResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link startMariaDb}. */
export interface MariaDbOptions {
  /** Parent directory for the server's own temporary directory (default: os.tmpdir()). */
  parent?: string;
  /** How long to wait for the server to answer, in milliseconds (default 60 000). */
  timeoutMs?: number;
}

/** The first of `names` found on PATH, or null. */
function which(names: readonly string[]): string | null {
  for (const name of names) {
    const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}

/** Finds a server binary on PATH or in /usr/sbin (Debian puts mariadbd there, often off PATH). */
function serverBinary(names: readonly string[]): string | null {
  const found = which(names);
  if (found) return found;
  for (const name of names) for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/sbin']) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** Quotes a value for a MySQL option file: double quotes, `\` and `"` escaped. */
function optionValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Runs `program args` with `input` on stdin; resolves to its exit code and output. */
function runWithInput(program: string, args: string[], input: string, env: NodeJS.ProcessEnv): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** Resolves after `ms` milliseconds. */
function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Starts a private MariaDB server: `mariadb-install-db --no-defaults --datadir DIR/data
 * --auth-root-authentication-method=normal`, then `mariadbd --no-defaults --datadir --socket
 * --skip-networking --pid-file` (`--user=root` when run as root), waits until root can log in over
 * the socket, sets a random root password and writes the 0600 client defaults file.
 * Throws (after cleaning up) when a binary is missing, the install fails or the server does not
 * answer within `timeoutMs`; the error holds the end of the server's error log.
 */
export async function startMariaDb(options: MariaDbOptions = {}): Promise<MariaDb> {
  const installDb = serverBinary(['mariadb-install-db', 'mysql_install_db']);
  const server = serverBinary(['mariadbd', 'mysqld']);
  const client = which(['mariadb', 'mysql']);
  const missing = [
    installDb ? '' : 'mariadb-install-db',
    server ? '' : 'mariadbd',
    client ? '' : 'mariadb (client)',
  ].filter(Boolean);
  if (missing.length > 0 || !installDb || !server || !client) {
    throw new Error(`MariaDB is required by the end-to-end suite and ${missing.join(', ')} is missing: apt-get install -y --no-install-recommends mariadb-server mariadb-client`);
  }
  const dir = mkdtempSync(join(options.parent ?? tmpdir(), 'tejun-mariadb-'));
  const data = join(dir, 'data');
  const socket = join(dir, 'mysqld.sock');
  const pidFile = join(dir, 'mysqld.pid');
  const errLog = join(dir, 'error.log');
  const defaultsFile = join(dir, 'client.cnf');
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const userArgs = asRoot ? ['--user=root'] : [];
  mkdirSync(data, { recursive: true });
  const logTail = (): string => (existsSync(errLog) ? readFileSync(errLog, 'utf8').split('\n').slice(-20).join('\n') : '(no error log)');

  const install = spawnSync(installDb, ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...userArgs], { encoding: 'utf8' });
  if (install.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${installDb} failed (${install.status}): ${install.stderr || install.stdout || install.error?.message}`);
  }

  const child = spawn(server, ['--no-defaults', `--datadir=${data}`, `--socket=${socket}`, '--skip-networking', `--pid-file=${pidFile}`, `--log-error=${errLog}`, ...userArgs], { stdio: 'ignore' });
  let exited = false;
  const done = new Promise<void>((resolve) => {
    child.on('exit', () => {
      exited = true;
      resolve();
    });
    child.on('error', () => {
      exited = true;
      resolve();
    });
  });
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await done;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const rootPassword = randomBytes(16).toString('hex');
  const baseEnv = { ...process.env, MYSQL_PWD: undefined, LC_ALL: 'C.UTF-8' } as NodeJS.ProcessEnv;
  try {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      if (exited) throw new Error(`mariadbd exited before answering:\n${logTail()}`);
      if (existsSync(socket)) {
        const r = await runWithInput(client, ['--no-defaults', `--socket=${socket}`, '--user=root', '--batch'], 'SELECT 1;', baseEnv);
        if (r.code === 0) break;
      }
      if (Date.now() > deadline) throw new Error(`mariadbd did not answer on ${socket} within ${options.timeoutMs ?? 60_000} ms:\n${logTail()}`);
      await sleep(200);
    }
    const set = await runWithInput(client, ['--no-defaults', `--socket=${socket}`, '--user=root', '--batch'], `ALTER USER 'root'@'localhost' IDENTIFIED BY '${rootPassword}'; FLUSH PRIVILEGES;`, baseEnv);
    if (set.code !== 0) throw new Error(`setting the root password failed: ${set.stderr}`);
    writeFileSync(defaultsFile, `[client]\nsocket=${optionValue(socket)}\nuser=root\npassword=${optionValue(rootPassword)}\n`, { mode: 0o600 });
    chmodSync(defaultsFile, 0o600);
  } catch (e) {
    await stop();
    throw e;
  }

  const query = async (sql: string): Promise<string> => {
    const r = await runWithInput(client, [`--defaults-extra-file=${defaultsFile}`, '--batch', '--skip-column-names'], sql, baseEnv);
    if (r.code !== 0) throw new Error(`SQL failed (${r.code}): ${r.stderr.trim()}\n  in: ${sql}`);
    return r.stdout;
  };
  const login = (user: string, password: string, sql = 'SELECT CURRENT_USER();'): Promise<ClientResult> =>
    runWithInput(client, ['--no-defaults', `--socket=${socket}`, `--user=${user}`, '--batch', '--skip-column-names', '--default-character-set=utf8mb4'], sql, { ...baseEnv, MYSQL_PWD: password });

  return { dir, socket, defaultsFile, rootPassword, client, query, login, stop };
}
