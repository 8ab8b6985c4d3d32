/**
 * The built CLI for tests that spawn chibo as production runs it (`node dist/src/cli.js`), not
 * through tsx (whose start-up takes seconds under load and timed out tests, issue 13).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The CLI under test: CHIBO_CLI when the caller built one (as the e2e tests take it), else this
 * file's own build of src/ — `tsc -p tsconfig.build.json` and the runtime files, what `npm run
 * build` does minus the web app — in .test-tmp/cli-build, incremental (a few seconds when little
 * changed). npm test runs the build only after the integration tests, so it cannot be reused here.
 * Two runs at once (the pglite and postgres projects) take turns through a lock directory.
 */
export async function builtCli(): Promise<string> {
  if (process.env.CHIBO_CLI) return process.env.CHIBO_CLI;
  const out = path.join(ROOT, '.test-tmp', 'cli-build');
  const lock = `${out}.lock`;
  mkdirSync(path.dirname(out), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }));
      let alive = false;
      try {
        alive = holder > 0 && process.kill(holder, 0);
      } catch {
        // the holder is gone: a stale lock
      }
      if (!alive) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    const run = promisify(execFile);
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const args = ['-p', 'tsconfig.build.json', '--outDir', out, '--incremental'];
    args.push('--tsBuildInfoFile', path.join(out, 'build.tsbuildinfo'));
    // A type error elsewhere in the tree still emits; `npm run check` is where it fails.
    await run(process.execPath, [tsc, ...args], { cwd: ROOT, maxBuffer: 64 << 20 }).catch((err) => {
      if (!existsSync(path.join(out, 'src/cli.js'))) throw err;
    });
    await run(process.execPath, ['scripts/copy-runtime-assets.mjs', out], { cwd: ROOT });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return path.join(out, 'src/cli.js');
}
