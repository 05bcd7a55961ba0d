/** The input formats and how each is parsed: line by line, or as whole JSON documents. */
import type { DocumentParser, FormatName, LineParser } from './types.ts';
import { parseNdjsonLine } from './parsers/ndjson.ts';
import { parseQueueLogLine } from './parsers/queueLog.ts';
import { createQueueLogCsvParser } from './parsers/queueLogCsv.ts';
import { parseCdrCsvLine } from './parsers/cdrCsv.ts';
import { parseGenesysDocument } from './parsers/genesys.ts';

export type FormatSpec =
	| { kind: 'lines'; create: () => LineParser; reportsWrapUp: boolean }
	| { kind: 'document'; parse: DocumentParser; reportsWrapUp: boolean };

export const FORMATS: Record<FormatName, FormatSpec> = {
	ndjson: { kind: 'lines', create: () => parseNdjsonLine, reportsWrapUp: true },
	// Asterisk never logs after-call work: a call is complete when it ends.
	'queue-log': { kind: 'lines', create: () => parseQueueLogLine, reportsWrapUp: false },
	// The CSV parser remembers the header's column layout, so each source gets its own.
	'queue-log-csv': { kind: 'lines', create: createQueueLogCsvParser, reportsWrapUp: false },
	'cdr-csv': { kind: 'lines', create: () => parseCdrCsvLine, reportsWrapUp: false },
	genesys: { kind: 'document', parse: parseGenesysDocument, reportsWrapUp: true }
};

export function isFormat(name: string): name is FormatName {
	return Object.hasOwn(FORMATS, name);
}

export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];
