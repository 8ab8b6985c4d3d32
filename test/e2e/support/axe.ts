/**
 * Accessibility check of a page with axe-core: the WCAG 2.2 AA rule set (the rules axe tags
 * wcag2a, wcag2aa, wcag21a, wcag21aa and wcag22aa; ADR 041). The engine is evaluated
 * through the DevTools protocol, which the page's strict CSP does not govern (an injected
 * <script> would be refused). Returns one line per violation and node, empty when clean.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: string | null = null;

/** Every rule of WCAG 2.0, 2.1 and 2.2 at levels A and AA that axe-core automates. */
export const WCAG22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

export async function axeViolations(page: Page, opts: { include?: string } = {}): Promise<string[]> {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(
    () => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined',
  );
  if (!loaded) await page.evaluate(source);
  const violations = await page.evaluate(
    async ({ include, tags }) => {
      const axe = (
        window as unknown as {
          axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
        }
      ).axe;
      const result = await axe.run(include ? { include: [include] } : document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations;
    },
    { include: opts.include ?? null, tags: WCAG22_AA },
  );
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${n.target.join(' ')}`),
  );
}
