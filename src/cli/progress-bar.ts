/**
 * A one-line progress bar on stderr, redrawn in place, only when stderr is a terminal: piped or logged
 * output stays free of control characters.
 */
import { createReadStream } from 'node:fs';

export interface ProgressBar {
  update(done: number, total: number | null, label?: string): void;
  end(): void;
}

const WIDTH = 30;

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update() {}, end() {} };
  let drawn = false;
  let last = 0;
  return {
    update(done, total, label = '') {
      const now = performance.now();
      if (drawn && now - last < 100 && done !== total) return;
      last = now;
      drawn = true;
      const ratio = total ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * WIDTH);
      const bar = total
        ? `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${Math.floor(ratio * 100)}%`
        : '';
      stream.write(`\r\x1b[K${bar} ${done}${total ? `/${total}` : ''} ${label}`.trimEnd());
    },
    end() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}

/** Lines after the header of a CSV file (newlines counted as it streams), for a bar's total. */
export async function dataLinesOfFile(path: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    if (chunk.length) last = chunk[chunk.length - 1]!;
  }
  if (last !== 10) lines++;
  return Math.max(0, lines - 1);
}
