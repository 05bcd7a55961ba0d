/**
 * Splits one CSV line into fields (RFC 4180 quoting: "" inside quotes is a quote).
 * Returns null when a quoted field is not closed on this line. `quoted[i]` tells whether
 * field i was quoted, which matters for Asterisk CDRs: an unquoted empty field is "unset".
 */
export type CsvFields = { fields: string[]; quoted: boolean[] };

export function splitCsvLine(line: string, delimiter = ','): CsvFields | null {
	const fields: string[] = [];
	const quoted: boolean[] = [];
	const n = line.length;
	let i = 0;
	for (;;) {
		if (i < n && line[i] === '"') {
			let value = '';
			i++;
			for (;;) {
				const q = line.indexOf('"', i);
				if (q < 0) return null;
				value += line.slice(i, q);
				if (line[q + 1] === '"') {
					value += '"';
					i = q + 2;
				} else {
					i = q + 1;
					break;
				}
			}
			fields.push(value);
			quoted.push(true);
			// Tolerate junk between the closing quote and the delimiter by appending it.
			const next = line.indexOf(delimiter, i);
			const end = next < 0 ? n : next;
			if (end > i) fields[fields.length - 1] += line.slice(i, end);
			i = end;
		} else {
			const next = line.indexOf(delimiter, i);
			const end = next < 0 ? n : next;
			fields.push(line.slice(i, end));
			quoted.push(false);
			i = end;
		}
		if (i >= n) break;
		i++; // skip the delimiter
		if (i === n) {
			fields.push('');
			quoted.push(false);
			break;
		}
	}
	return { fields, quoted };
}
