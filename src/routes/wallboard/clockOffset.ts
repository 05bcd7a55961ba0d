/**
 * The server's clock as seen from the screen, for the wait timers that tick between frames.
 *
 * Each frame gives one sample, `asOf − receivedAt`. That is the true offset minus the frame's
 * delay: `asOf` is stamped when the server *starts* its queries, so the delay is query time +
 * serializing + network, and on connect the snapshot may be up to a tick old. Every sample
 * therefore reads low (the longest wait with it), by a different amount each frame. The best
 * estimate is the largest recent sample (the frame that came fastest), which also keeps the
 * offset from wobbling frame to frame.
 *
 * :TRICKY: the largest sample is kept only WINDOW_MS, and the window starts afresh on each
 * new connection, so a server clock stepped back or a reconnect to another server process with
 * its own clock corrects itself within a minute instead of being held for the rest of the day.
 * What remains is the fastest frame's delay (its query time and network), which only a send
 * time in the frame itself could remove (a server-side change to protocol.ts / hub.ts).
 */
export const WINDOW_MS = 60_000;

type Sample = { at: number; offset: number };

export class ClockOffset {
	#samples: Sample[] = [];

	/** Records a frame stamped `asOf` (server clock) received at `receivedAt` (client clock); returns the estimate. */
	observe(asOf: number, receivedAt: number): number {
		this.#samples = this.#samples.filter((s) => receivedAt - s.at < WINDOW_MS && s.at <= receivedAt);
		this.#samples.push({ at: receivedAt, offset: asOf - receivedAt });
		return this.estimate()!;
	}

	/** Server clock minus client clock (ms); null before the first frame. */
	estimate(): number | null {
		return this.#samples.length === 0 ? null : Math.max(...this.#samples.map((s) => s.offset));
	}

	/** A new connection (perhaps to another server, with its own clock): forget what the last one said. */
	reset(): void {
		this.#samples = [];
	}
}
