import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statusChangeSchema } from '../members/schema.js';
import { AUDIT_ACTIONS } from './sentences.js';

const SRC = join(import.meta.dirname, '..', '..');

/** Values a `${…}` part of a template action code takes (`score.${scorer}.save`). */
const TEMPLATE_VALUES: Record<string, readonly string[]> = {
  // src/features/scoring/service.ts: type Scorer = 'cell' | 'supervisor'
  scorer: ['cell', 'supervisor'],
  // src/features/members/commands.ts: action `member.${change.type}`
  'change.type': statusChangeSchema.options.map((o) => o.shape.type.value),
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return p.endsWith(join('features', 'audit')) ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const CODE = /^[a-z][a-z0-9_]*(\.[a-z0-9_${}.]+)+$/;

/** Every action code written with `action: …` in src/ (literals, both arms of a ternary, templates expanded). */
function writtenCodes(): { code: string; file: string }[] {
  const out: { code: string; file: string }[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\baction:\s*([^,\n]+)/g)) {
      for (const lit of m[1]!.matchAll(/'([^']+)'|"([^"]+)"|`([^`]+)`/g)) {
        const code = lit[1] ?? lit[2] ?? lit[3]!;
        if (!CODE.test(code)) continue;
        const rel = relative(SRC, file);
        const holes = [...code.matchAll(/\$\{([^}]+)\}/g)].map((h) => h[1]!);
        if (holes.length === 0) {
          out.push({ code, file: rel });
          continue;
        }
        const hole = holes[0]!;
        const values = TEMPLATE_VALUES[hole];
        if (!values || holes.length > 1) {
          out.push({ code: `${code} (thêm giá trị của \${${hole}} vào TEMPLATE_VALUES)`, file: rel });
          continue;
        }
        for (const v of values) out.push({ code: code.replace(`\${${hole}}`, v), file: rel });
      }
    }
  }
  return out;
}

describe('audit action codes', () => {
  it('finds the codes written today (the scan itself works)', () => {
    const codes = writtenCodes().map((c) => c.code);
    expect(codes).toContain('record.adopt');
    expect(codes).toContain('unit.archive');
    expect(codes).toContain('unit.unarchive');
    expect(codes).toContain('score.supervisor.confirm');
    expect(codes).toContain('member.recognize_official');
    expect(codes.length).toBeGreaterThan(50);
  });

  it('has a Vietnamese sentence for every action code written in src/', () => {
    const missing = writtenCodes().filter((c) => !AUDIT_ACTIONS[c.code]);
    // Add one line to AUDIT_ACTIONS (src/features/audit/sentences.ts) for each code listed here.
    expect(missing).toEqual([]);
  });
});
