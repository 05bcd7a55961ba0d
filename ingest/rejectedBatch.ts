/**
 * The rejected records of one batch (one API body, one batch of a file), bounded. A body of
 * two million nulls once made two million rejected rows in ten seconds; nobody reads the
 * millionth copy of the same mistake. The first MAX_KEPT records are kept one by one; past
 * that, each reason class keeps a count and its latest example, written as one summary row
 * whose `count` says how many records it stands for. Nothing is dropped without a trace:
 * the counts in the API's answer and in the metrics still count every record.
 */
import type { Rejected } from './types.ts';
import { rejectedRow, type RejectedRow } from './rows.ts';
import type { RejectReason } from './parsers/rejectReasons.ts';

/** Rejected records kept one by one per batch: enough to see every kind of mistake in it. */
export const MAX_KEPT = 1000;

type Overflow = { count: number; first: string; last: string; example: Rejected; source: string; format: string };

export class RejectedBatch {
	#rows: RejectedRow[] = [];
	#over = new Map<RejectReason, Overflow>();
	readonly #maxKept: number;

	constructor(maxKept = MAX_KEPT) {
		this.#maxKept = maxKept;
	}

	add(r: Rejected, source: string, format: string, position: string): void {
		if (this.#rows.length < this.#maxKept) {
			this.#rows.push(rejectedRow(r, source, format, position, Date.now()));
			return;
		}
		const o = this.#over.get(r.reason);
		if (o === undefined) this.#over.set(r.reason, { count: 1, first: position, last: position, example: r, source, format });
		else {
			o.count++;
			o.last = position;
			o.example = r;
		}
	}

	/** The rows to write: those kept, then one summary row per class that overflowed. */
	rows(): RejectedRow[] {
		if (this.#over.size === 0) return this.#rows;
		const at = Date.now();
		const summaries = [...this.#over].map(([reason, o]) => {
			const where = o.first === o.last ? o.first : `${o.first} … ${o.last}`;
			const detail =
				`${o.count} more record(s) of this kind in the batch, beyond the ${this.#maxKept} kept one by one; ` +
				`the last of them: ${o.example.detail}`;
			return rejectedRow({ reason, detail, raw: o.example.raw }, o.source, o.format, where, at, o.count);
		});
		return [...this.#rows, ...summaries];
	}

	get size(): number {
		return this.#rows.length + this.#over.size;
	}

	clear(): void {
		this.#rows = [];
		this.#over = new Map();
	}
}
