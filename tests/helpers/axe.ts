/**
 * axe-core in a real page: injects node_modules/axe-core/axe.min.js and runs it against the
 * WCAG 2.1 A/AA rules and axe's best practices. Each violation comes back as one readable line
 * per element (rule, impact, selector, what to fix), so a failing test says what to change.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** Read once; evaluated rather than added as a script tag, which the pages' CSP would refuse. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

type AxeNode = { target: unknown[]; failureSummary?: string };
type AxeViolation = { id: string; impact: string | null; help: string; helpUrl: string; nodes: AxeNode[] };

/** Runs axe on the page as it is now; returns its violations, one line per element. */
export async function axeViolations(page: Page): Promise<string[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
	const violations = await page.evaluate(async (tags) => {
		const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
		return (await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations;
	}, AXE_TAGS);
	return (violations as AxeViolation[]).flatMap((v) =>
		v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.map(String).join(' ')}: ${v.help}. ${(n.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`)
	);
}
