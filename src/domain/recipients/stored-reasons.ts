/**
 * A candidate's reasons as `recipient_candidates.reasons` holds them. Written as codes and plain parameters,
 * `[["decile_in",{"scope":"national","decile":3,"min":1,"max":4}],["not_ranked"],…]` (the code without its
 * `programme.why.` prefix; parameters only when there are any; the programme document's texts by reference,
 * see `Reason`), and rendered in both languages only when read, with the run's programme version
 * (`reasonText`). Rows written before that hold `[{"code","text":{"id","en"}}]`, rendered when computed; they
 * are read as they are (no migration rewrote them: their text is what was rendered then, and it is the same).
 */
import type { Text } from '../catalogue.ts';
import type { ProgrammeDocument } from '../programmes/document.ts';
import { type Reason, type ReasonCode, type ReasonParams, reasonText } from '../programmes/evaluate.ts';

const PREFIX = 'programme.why.';

type StoredReason = [string] | [string, ReasonParams];

export interface ReasonLine {
  code: string;
  text: Text;
}

export function storeReasons(reasons: readonly Reason[]): string {
  return JSON.stringify(
    reasons.map((r): StoredReason => {
      const code = r.code.slice(PREFIX.length);
      return Object.keys(r.params).length ? [code, r.params] : [code];
    }),
  );
}

/** Stored reasons as lines in both languages: codes and parameters rendered with `doc`, older lines as stored. */
export function readReasons(stored: string, doc: ProgrammeDocument): ReasonLine[] {
  const lines = JSON.parse(stored) as (StoredReason | ReasonLine)[];
  return lines.map((line) => {
    if (!Array.isArray(line)) return { code: line.code, text: line.text };
    const reason: Reason = { code: `${PREFIX}${line[0]}` as ReasonCode, params: line[1] ?? {} };
    return { code: reason.code, text: reasonText(doc, reason) };
  });
}
