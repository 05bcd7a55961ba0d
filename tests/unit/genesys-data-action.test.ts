/**
 * Issue #15: the Genesys Cloud Data Action in docs/genesys/ewt-data-action.json holds to the
 * shape Genesys documents for a custom action (the SDK's PostActionInput: category, name,
 * config ActionConfig{timeoutSeconds, request RequestConfig, response ResponseConfig},
 * contract ActionContractInput{input.inputSchema, output.successSchema} as JsonSchemaDocument;
 * integrationId is chosen at import), and turns a real /api/ewt answer into its output.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';

const action = JSON.parse(readFileSync(new URL('../../docs/genesys/ewt-data-action.json', import.meta.url), 'utf8')) as Record<string, any>;

const only = (o: object, allowed: string[]) => expect(Object.keys(o).filter((k) => !allowed.includes(k))).toEqual([]);
const SCHEMA_KEYS = ['id', '$schema', 'title', 'description', 'type', 'required', 'properties', 'additionalProperties'];

/** The part of Genesys's response handling the action uses: `$.a.b` paths, defaults, the template. */
export function applyAction(body: unknown): Record<string, unknown> {
	const { translationMap, translationMapDefaults, successTemplate } = action.config.response;
	const values: Record<string, string> = {};
	for (const [name, path] of Object.entries(translationMap as Record<string, string>)) {
		let v: unknown = body;
		for (const k of path.replace(/^\$\./, '').split('.')) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[k];
		values[name] = v === undefined ? translationMapDefaults[name] : JSON.stringify(v);
	}
	return JSON.parse((successTemplate as string).replace(/\$\{(\w+)\}/g, (_, n: string) => values[n] ?? 'null'));
}

function conforms(value: Record<string, unknown>, schema: Record<string, any>): string[] {
	const problems: string[] = [];
	for (const r of schema.required ?? []) if (!(r in value)) problems.push(`${r} missing`);
	for (const [k, s] of Object.entries(schema.properties as Record<string, { type: string }>)) {
		const v = value[k];
		if (v === undefined || v === null) continue; // NOT_SET in Architect
		if (s.type === 'integer' ? !Number.isInteger(v) : typeof v !== s.type) problems.push(`${k} is not ${s.type}`);
	}
	return problems;
}

describe('the estimated-wait Data Action', () => {
	it('has the documented shape of a custom action', () => {
		only(action, ['name', 'integrationType', 'actionType', 'category', 'secure', 'config', 'contract']);
		for (const k of ['category', 'name', 'config', 'contract']) expect(action[k], k).toBeTruthy();
		expect(action.integrationType).toBe('custom-rest-actions');
		only(action.config, ['timeoutSeconds', 'request', 'response']);
		only(action.config.request, ['requestUrlTemplate', 'requestTemplate', 'requestTemplateUri', 'requestType', 'headers']);
		only(action.config.response, ['translationMap', 'translationMapDefaults', 'successTemplate', 'successTemplateUri']);
		only(action.contract, ['input', 'output']);
		only(action.contract.input, ['inputSchema']);
		only(action.contract.output, ['successSchema']);
		only(action.contract.input.inputSchema, SCHEMA_KEYS);
		only(action.contract.output.successSchema, SCHEMA_KEYS);
		expect(action.config.timeoutSeconds).toBeLessThanOrEqual(60);
	});

	it('calls GET /api/ewt?topic= with an ingest token in the Authorization header, never in the URL', () => {
		const { requestUrlTemplate, requestType, headers } = action.config.request;
		expect(requestType).toBe('GET');
		expect(new URL(requestUrlTemplate.replace(/\$esc\.url\(\$\{input\.topic\}\)/, 'pensions')).pathname).toBe('/api/ewt');
		expect(requestUrlTemplate).toContain('topic=$esc.url(${input.topic})');
		expect(requestUrlTemplate).not.toMatch(/token/i);
		expect(headers.Authorization).toBe('Bearer ${credentials.token}');
		// Every input the templates use is declared.
		const used = [...JSON.stringify(action.config.request).matchAll(/\$\{input\.(\w+)\}/g)].map((m) => m[1]).filter((n) => n !== 'rawRequest');
		for (const n of used) expect(Object.keys(action.contract.input.inputSchema.properties)).toContain(n);
	});

	it('returns seconds and the Lithuanian phrase from the answer callboard documents', () => {
		const body = { topic: 'pensions', channel: 'voice', seconds: 124, phrase: { lt: 'apie 2 minutes', en: 'about 2 minutes' }, position: 26, method: 'erlangA' };
		const out = applyAction(body);
		expect(out).toEqual({ seconds: 124, phrase: 'apie 2 minutes' });
		expect(conforms(out, action.contract.output.successSchema)).toEqual([]);
	});

	it('gives no seconds (NOT_SET) and an empty phrase when callboard knows no wait (announce no number)', () => {
		const out = applyAction({ topic: 'pensions', seconds: null, phrase: null });
		expect(out).toEqual({ seconds: null, phrase: '' });
		expect(conforms(out, action.contract.output.successSchema)).toEqual([]);
		expect(applyAction({ topic: 'pensions' })).toEqual({ seconds: -1, phrase: '' });
	});
});
