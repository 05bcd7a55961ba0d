/** A bounded set of recently seen ids (oldest forgotten first), for counting redeliveries. */
export class RecentIds {
	readonly #set = new Set<string>();
	readonly #capacity: number;

	constructor(capacity: number) {
		this.#capacity = capacity;
	}

	/** Adds an id; false when it was already there. */
	add(id: string): boolean {
		if (this.#set.has(id)) return false;
		this.#set.add(id);
		if (this.#set.size > this.#capacity) {
			const oldest = this.#set.values().next().value;
			if (oldest !== undefined) this.#set.delete(oldest);
		}
		return true;
	}
}
