#!/usr/bin/env node
/**
 * chibo command line: serve | migrate | verify | run-jobs | seed | create-admin | import-members |
 * export-members | backup | restore | bench-data. The only module besides config.ts that touches
 * process.env / argv.
 *
 * Arguments are checked, and `--help` / `--version` answered, with node's builtins alone: every
 * other module (the config's zod, the server, PGlite, docx, exceljs…) is imported inside the
 * command that needs it, so a help or a usage error answers in a few tens of milliseconds
 * (ADR 033). Exit codes: 0 done, 1 the command failed, 2 the command line is wrong. The grammar
 * and help live in cli/args.ts, the commands in cli/commands.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandHelp, hint, parseCommand, topHelp, UsageError } from './cli/args.js';
import { COMMANDS, DB_ENV, setCliEnvironment } from './cli/commands.js';

/** The version of the package this file belongs to: the nearest package.json named chibo above it. */
function version(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'chibo' && pkg.version) return pkg.version;
    } catch {
      // no package.json here: look further up
    }
    const up = path.dirname(dir);
    if (up === dir) return 'không rõ phiên bản';
    dir = up;
  }
}

async function main(argv: string[]) {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    process.stdout.write(topHelp(COMMANDS, DB_ENV));
    return;
  }
  if (first === '--version' || first === '-v') {
    console.log(`chibo ${version()}`);
    return;
  }
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) process.stdout.write(topHelp(COMMANDS, DB_ENV));
    else if (Object.hasOwn(COMMANDS, topic)) process.stdout.write(commandHelp(topic, COMMANDS[topic]!));
    else throw new UsageError(`Không có lệnh "${topic}".`);
    return;
  }
  if (first.startsWith('-')) throw new UsageError(`Tùy chọn không hợp lệ: ${first}`);
  if (!Object.hasOwn(COMMANDS, first))
    throw new UsageError(`Không có lệnh "${first}". Các lệnh: ${Object.keys(COMMANDS).join(', ')}.`);
  const command = COMMANDS[first]!;
  const parsed = parseCommand(first, command, rest);
  if (parsed === 'help') process.stdout.write(commandHelp(first, command));
  else if (parsed === 'version') console.log(`chibo ${version()}`);
  else await command.run(parsed.values, parsed.positionals);
}

setCliEnvironment(process.env);
main(process.argv.slice(2)).catch((err) => {
  if (err instanceof UsageError) {
    console.error(`${err.message}\n${hint(err.command)}`);
    process.exit(2);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
