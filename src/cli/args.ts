/**
 * The command line's grammar and help (ADR 033): option specs, Vietnamese usage errors, the help
 * texts and the parser. Node's builtins only, so `--help` and a usage error answer at once.
 */
import { parseArgs } from 'node:util';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** The value's placeholder in the help (string options). */
  value?: string;
  help: string;
  /** A positive whole number (an id). */
  id?: true;
}

export type Values = Record<string, string | boolean | undefined>;

export interface Command {
  /** One line in `chibo --help`. */
  summary: string;
  /** What follows `chibo <command>` in the help. */
  usage: string;
  /** A paragraph: what it does, when to run it, what the exit code means. */
  about: string;
  options: Record<string, OptionSpec>;
  /** Positional arguments, all required (their names as in `usage`). */
  positionals?: string[];
  /** Options that must be given. */
  required?: string[];
  /** Which database and environment it uses, for the help. */
  env?: string;
  run: (values: Values, positionals: string[]) => Promise<void>;
}

/** A wrong command line: told in Vietnamese with a pointer to the help, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

const COMMON: Record<string, OptionSpec> = {
  help: { type: 'boolean', help: 'Xem hướng dẫn này' },
  version: { type: 'boolean', help: 'Xem phiên bản' },
};
const SHORT: Record<string, string> = { help: 'h', version: 'v' };

/** Lines of at most `width` characters, the ones after the first indented by `indent`. */
function wrap(text: string, indent = 0, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const limit = lines.length === 0 ? width : width - indent;
    if (line && line.length + 1 + word.length > limit) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : `${' '.repeat(indent)}${l}`));
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const all = { ...options, ...COMMON };
  const left = (name: string, o: OptionSpec) =>
    `${SHORT[name] ? `-${SHORT[name]}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`;
  const width = Math.max(...Object.entries(all).map(([n, o]) => left(n, o).length)) + 4;
  return Object.entries(all).flatMap(([n, o]) => {
    const [first, ...more] = wrap(o.help, 0, 100 - width);
    return [`  ${left(n, o).padEnd(width - 2)}${first}`, ...more.map((l) => `${' '.repeat(width)}${l}`)];
  });
}

export function commandHelp(name: string, c: Command): string {
  return [
    `chibo ${name} — ${c.summary.charAt(0).toLowerCase()}${c.summary.slice(1)}`,
    '',
    `Cách dùng: chibo ${name}${c.usage ? ` ${c.usage}` : ''}`,
    '',
    ...wrap(c.about),
    '',
    'Tùy chọn:',
    ...optionLines(c.options),
    ...(c.env ? ['', ...c.env.split('\n').flatMap((l) => wrap(l, 2))] : []),
    '',
  ].join('\n');
}

export function topHelp(COMMANDS: Record<string, Command>, DB_ENV: string): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  return [
    'chibo — quản lý sinh hoạt chi bộ: chuẩn bị, tổ chức, ghi biên bản, chấm điểm và giám sát',
    '',
    'Cách dùng: chibo <lệnh> [tùy chọn]',
    '',
    'Các lệnh:',
    ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(width)}${c.summary}`),
    '',
    'Tùy chọn:',
    '  -h, --help     Xem hướng dẫn này; "chibo <lệnh> --help": hướng dẫn của một lệnh',
    '  -v, --version  Xem phiên bản',
    '',
    ...wrap(DB_ENV, 2),
    'Hướng dẫn vận hành: docs/operations.md',
    '',
  ].join('\n');
}

export const hint = (command?: string) =>
  command ? `Xem hướng dẫn: chibo ${command} --help` : 'Xem hướng dẫn: chibo --help';

/**
 * Checks the command line against the command's options: parsed loosely (tokens), then every
 * unknown option, missing value, extra argument or missing requirement told in Vietnamese
 * (node's own ERR_PARSE_ARGS messages are English). `--help` and `--version` win over the rest.
 */
export function parseCommand(
  name: string,
  c: Command,
  args: string[],
): { values: Values; positionals: string[] } | 'help' | 'version' {
  const specs = { ...c.options, ...COMMON };
  const options = Object.fromEntries(
    Object.entries(specs).map(([n, o]) => [
      n,
      SHORT[n] ? { type: o.type, short: SHORT[n] } : { type: o.type },
    ]),
  );
  const { values, positionals, tokens } = parseArgs({
    args,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = specs[t.name];
    if (!spec || (t.rawName.length === 2 && SHORT[t.name] !== t.rawName.slice(1)))
      throw new UsageError(`Tùy chọn không hợp lệ cho lệnh ${name}: ${t.rawName}`, name);
    if (spec.type === 'boolean' && t.value !== undefined)
      throw new UsageError(`Tùy chọn ${t.rawName} không nhận giá trị (đã cho "${t.value}").`, name);
    if (spec.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-'))))
      throw new UsageError(
        `Tùy chọn ${t.rawName} cần một giá trị${spec.value ? ` (${spec.value})` : ''}.`,
        name,
      );
    if (spec.id && !/^[1-9]\d*$/.test(t.value ?? ''))
      throw new UsageError(
        `Tùy chọn ${t.rawName} cần một mã số (số nguyên dương), không phải "${t.value}".`,
        name,
      );
  }
  const expected = c.positionals ?? [];
  if (positionals.length > expected.length)
    throw new UsageError(
      `Thừa đối số cho lệnh ${name}: ${positionals.slice(expected.length).join(' ')}` +
        (expected.length === 0 ? ` (lệnh ${name} không nhận đối số nào).` : '.'),
      name,
    );
  if (positionals.length < expected.length)
    throw new UsageError(`Thiếu ${expected.slice(positionals.length).join(', ')} cho lệnh ${name}.`, name);
  const missing = (c.required ?? []).filter((r) => values[r] === undefined);
  if (missing.length)
    throw new UsageError(`Lệnh ${name} cần ${missing.map((m) => `--${m}`).join(' và ')}.`, name);
  return { values, positionals };
}
