/** A one-line progress bar on stderr when it is a terminal; silent otherwise. */
export function progressBar(label: string): { update: (done: number, total: number, note: string) => void; end: () => void } {
	const tty = process.stderr.isTTY;
	let last = 0;
	return {
		update(done, total, note) {
			if (!tty) return;
			const now = Date.now();
			if (now - last < 100 && done < total) return;
			last = now;
			if (total <= 0) return void process.stderr.write(`\r${label} ${note}   `); // size unknown: a counter
			const width = 30;
			const frac = Math.min(1, done / total);
			const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
			process.stderr.write(`\r${label} ${bar} ${(frac * 100).toFixed(0).padStart(3)}% ${note}   `);
		},
		end() {
			if (tty) process.stderr.write('\n');
		}
	};
}
