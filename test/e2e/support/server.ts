import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningChibo {
  baseUrl: string;
  dataDir: string;
  stop: () => Promise<void>;
}

/**
 * Starts the built application (`npm run build` first) as a user would: `chibo serve --demo`
 * on a fresh embedded database in a temporary data directory, on a free port.
 */
export async function startChibo(opts: { demo?: boolean } = {}): Promise<RunningChibo> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chibo-e2e-'));
  // CHIBO_E2E_DIST: a build elsewhere in the checkout (e.g. `.dist-a11y`), so two people working in
  // one tree can each drive their own build; by default the `npm run build` output.
  const dist = path.resolve(ROOT, process.env.CHIBO_E2E_DIST ?? 'dist');
  const args = [path.join(dist, 'src/cli.js'), 'serve', ...(opts.demo === false ? [] : ['--demo'])];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const baseUrl = `http://127.0.0.1:${port}`;
  // Seeding the demo takes longer on a loaded machine: E2E_START_TIMEOUT_MS raises the wait.
  const deadline = Date.now() + (Number(process.env.E2E_START_TIMEOUT_MS) || 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`chibo exited early:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`chibo did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    dataDir,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
