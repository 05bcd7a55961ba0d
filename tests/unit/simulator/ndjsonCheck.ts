/** Reads simulator output the way callboard will: the NDJSON parser, and the JSON Schema for integrators. */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { parseNdjsonLine } from '../../../ingest/parsers/ndjson.ts';
import type { NameMapping, ParseContext, ParsedRecord } from '../../../ingest/types.ts';
import { config } from './simHelpers.ts';

const mapping: NameMapping = {
	topicOfQueue: (queue) => queue,
	canonicalAgent: (agent) => agent,
	siteOfAgent: () => 'unknown'
};
export const parseContext: ParseContext = { sourceId: 'simulator', position: 'line', mapping, timeZone: config.timeZone };

const schema = JSON.parse(readFileSync(new URL('../../../ingest/schema/canonical-event.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(schema);

/** The parsed record of a line; throws with the reason when the parser or the schema rejects it. */
export function checkLine(line: string): ParsedRecord {
	const records = parseNdjsonLine(line, parseContext);
	const r = records[0];
	if (records.length !== 1 || !r || r.kind === 'rejected' || r.kind === 'ignored') {
		throw new Error(`rejected: ${JSON.stringify(records)}`);
	}
	if (!validate(JSON.parse(line))) throw new Error(`schema: ${JSON.stringify(validate.errors)} in ${line}`);
	return r;
}
