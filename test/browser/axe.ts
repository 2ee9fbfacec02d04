import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/** One rule that axe-core found broken, with the selectors of the offending nodes. */
export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core on the current page with the WCAG 2.0 A and AA rules and
 * returns the violations. The script comes from the installed axe-core package.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  // The app's Content-Security-Policy (script-src 'self') blocks the inline
  // script that page.addScriptTag inserts, so the source runs through the
  // DevTools protocol instead, which CSP does not govern.
  const source = await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: AxeApi }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
}

/** Returns the serious and critical violations as readable lines, for an assertion message. */
export function seriousViolations(violations: AxeViolation[]): string[] {
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.join(', ')}`,
    );
}

interface AxeApi {
  run(
    context: Document,
    options: { runOnly: { type: 'tag'; values: string[] } },
  ): Promise<{
    violations: {
      id: string;
      impact: AxeViolation['impact'];
      help: string;
      nodes: { target: string[] }[];
    }[];
  }>;
}
