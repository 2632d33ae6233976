/**
 * A letters thread (invitations.threads.ts): writes one village's PDF at a time from the pages of lines it is
 * sent, with the same writer as the job's own thread. A page is taken (its call answered) as soon as less
 * than one page waits to be drawn, so the job's thread reads the next page while this one draws.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { serveCalls } from '../../lib/worker-pool.ts';
import { writeInvitationsPdf } from './invitations.pdf.ts';
import { type LettersCall, LINES_PER_MESSAGE } from './invitations.threads.ts';
import type { InvitationLine } from './receipts.service.ts';

interface Village {
  out: WriteStream;
  queue: InvitationLine[];
  ended: boolean;
  aborted: boolean;
  /** The writer's end: the letters written, or its failure. */
  written: Promise<number>;
  failure: Error | null;
  /** Wakes the writer waiting for lines, or a call waiting for the writer to take them. */
  wake: () => void;
  waiting: (() => void)[];
}

let village: Village | null = null;

function notify(v: Village): void {
  for (const w of v.waiting.splice(0)) w();
}

/** Waits until `ready()` holds (or the village's writer failed, which throws). */
async function until(v: Village, ready: () => boolean): Promise<void> {
  while (!ready()) {
    if (v.failure) throw v.failure;
    await new Promise<void>((r) => v.waiting.push(r));
  }
  if (v.failure) throw v.failure;
}

async function* linesOf(v: Village): AsyncGenerator<InvitationLine> {
  let at = 0;
  for (;;) {
    if (v.aborted) throw new Error('aborted');
    if (at < v.queue.length) {
      const line = v.queue[at++]!;
      if (at >= LINES_PER_MESSAGE) {
        v.queue.splice(0, at);
        at = 0;
        notify(v);
      }
      yield line;
    } else if (v.ended) {
      return;
    } else {
      v.queue.length = 0;
      at = 0;
      notify(v);
      await new Promise<void>((r) => {
        v.wake = r;
      });
    }
  }
}

serveCalls(parentPort, async (call: LettersCall) => {
  switch (call.op) {
    case 'open': {
      if (village) throw new Error('a village is already open on this thread');
      const v: Village = {
        out: createWriteStream(call.path),
        queue: [],
        ended: false,
        aborted: false,
        written: Promise.resolve(0),
        failure: null,
        wake: () => {},
        waiting: [],
      };
      v.out.on('error', (err) => {
        v.failure ??= err;
        notify(v);
      });
      v.written = writeInvitationsPdf(v.out, linesOf(v), call.file, call.signer);
      v.written.catch((err: Error) => {
        v.failure = err;
        notify(v);
      });
      village = v;
      return null;
    }
    case 'lines': {
      const v = village!;
      v.queue.push(...call.lines);
      v.wake();
      // Answered once less than one page waits: the next page is read meanwhile, never more held.
      await until(v, () => v.queue.length <= LINES_PER_MESSAGE);
      return null;
    }
    case 'end': {
      const v = village!;
      v.ended = true;
      v.wake();
      try {
        return await v.written;
      } finally {
        village = null;
      }
    }
    case 'abort': {
      const v = village;
      if (!v) return null;
      v.aborted = true;
      v.wake();
      v.out.destroy(new Error('aborted'));
      await v.written.catch(() => {});
      village = null;
      return null;
    }
  }
});
