/**
 * The one CSV reader: records from a byte stream, one at a time, each with the line it starts on, so an
 * importer can report a bad line and carry on with the next. csv-parse reads the fields; this file only
 * finds where each record starts and ends, because after a malformed quote csv-parse's own recovery
 * (`skip_records_with_error`) swallows the lines that follow without reporting them.
 *
 * Framing: a record ends at the first line end outside quotes, i.e. where the record's count of `"` is
 * even (escaped quotes come in pairs). A quote left open for `maxRecordLines` lines (or to the end of the
 * input) makes its first line a bad record, and reading resumes on the line after it.
 * UTF-8 only; a byte order mark is skipped; line ends are LF or CRLF; blank lines are skipped.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { type CodedText, coded } from '../domain/errors.ts';

export type CsvRecord =
  | { line: number; endLine: number; fields: string[] }
  | { line: number; endLine: number; fields: null; raw: string; error: CodedText };

/** A readable stream, an async generator, or (in tests) an array of chunks. */
export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export interface CsvReadOptions {
  /** Physical lines one quoted record may span before its opening quote is called unclosed. */
  maxRecordLines?: number;
  /** Characters one physical line may have; a longer line is reported and skipped. */
  maxLineChars?: number;
  /** Records handed to csv-parse at once (a batch that fails is re-read record by record). */
  batchSize?: number;
}

interface Framed {
  line: number;
  endLine: number;
  /** The physical lines of the record, for re-reading them one by one when the record is malformed. */
  lines: { line: number; text: string }[];
  error?: CodedText;
}

const TOO_LONG = Symbol('line too long');

/** Physical lines without their terminators; a line over `maxChars` comes out as TOO_LONG. */
async function* physicalLines(
  source: ByteSource,
  maxChars: number,
): AsyncGenerator<string | typeof TOO_LONG> {
  const decoder = new TextDecoder('utf-8'); // strips a leading BOM; invalid bytes become U+FFFD
  let buffer = '';
  let skipping = false;
  let first = true;
  for await (const chunk of source) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const piece = text.slice(start, nl);
      start = nl + 1;
      if (skipping) {
        skipping = false;
        yield TOO_LONG;
        buffer = '';
        continue;
      }
      const line = buffer + piece;
      buffer = '';
      if (line.length > maxChars) yield TOO_LONG;
      else yield line.endsWith('\r') ? line.slice(0, -1) : line;
    }
    if (!skipping) buffer += text.slice(start);
    if (buffer.length > maxChars) {
      skipping = true;
      buffer = '';
    }
  }
  buffer += decoder.decode();
  if (skipping) yield TOO_LONG;
  else if (buffer.length) yield buffer.endsWith('\r') ? buffer.slice(0, -1) : buffer;
}

function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i !== -1; i = s.indexOf('"', i + 1)) n++;
  return n;
}

const UNCLOSED: CodedText = coded('csv.unclosed_quote');

/** Groups physical lines into records (see the file comment). */
class Framer {
  readonly #maxLines: number;
  #pending: { line: number; text: string; quotes: number }[] = [];

  constructor(maxLines: number) {
    this.#maxLines = maxLines;
  }

  *push(line: number, text: string): Generator<Framed> {
    if (this.#pending.length === 0 && text.trim() === '') return;
    this.#pending.push({ line, text, quotes: countQuotes(text) });
    if (this.#pending.reduce((n, p) => n + p.quotes, 0) % 2 === 0) {
      const lines = this.#pending.map(({ line, text }) => ({ line, text }));
      this.#pending = [];
      yield { line: lines[0]!.line, endLine: line, lines };
    } else if (this.#pending.length >= this.#maxLines) {
      yield* this.#unclosed();
    }
  }

  /** Input ended, or a line broke off: whatever is pending had an unclosed quote. */
  *end(): Generator<Framed> {
    while (this.#pending.length) yield* this.#unclosed();
  }

  // The first pending line opened a quote that never closed: report it, re-read the lines after it.
  *#unclosed(): Generator<Framed> {
    const [first, ...rest] = this.#pending;
    this.#pending = [];
    yield { line: first!.line, endLine: first!.line, lines: [first!], error: UNCLOSED };
    for (const p of rest) yield* this.push(p.line, p.text);
  }
}

async function* framedRecords(source: ByteSource, opts: Required<CsvReadOptions>): AsyncGenerator<Framed> {
  const framer = new Framer(opts.maxRecordLines);
  let lineNo = 0;
  for await (const text of physicalLines(source, opts.maxLineChars)) {
    lineNo++;
    if (text !== TOO_LONG) {
      yield* framer.push(lineNo, text);
      continue;
    }
    yield* framer.end();
    yield {
      line: lineNo,
      endLine: lineNo,
      lines: [{ line: lineNo, text: '' }],
      error: coded('csv.line_too_long', { max: opts.maxLineChars }),
    };
  }
  yield* framer.end();
}

function csvErrorText(err: unknown): CodedText {
  const code = err instanceof CsvError ? err.code : 'UNKNOWN';
  switch (code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return coded('csv.malformed_quote');
    case 'CSV_QUOTE_NOT_CLOSED':
      return coded('csv.unclosed_quote');
    default:
      return coded('csv.malformed', { detail: err instanceof Error ? err.message : String(err) });
  }
}

const textOf = (f: Framed) => f.lines.map((l) => l.text).join('\n');

/**
 * Parses one framed record. A malformed record spanning several lines most likely took its closing quote
 * from a later line: its first line is reported and the lines after it are read again on their own.
 */
function* parseOne(f: Framed, maxLines: number): Generator<CsvRecord> {
  if (f.error) {
    yield { line: f.line, endLine: f.endLine, fields: null, raw: textOf(f), error: f.error };
    return;
  }
  try {
    const [fields] = parse(textOf(f), { relax_column_count: true }) as string[][];
    yield { line: f.line, endLine: f.endLine, fields: fields ?? [''] };
  } catch (err) {
    const [first, ...rest] = f.lines;
    yield { line: f.line, endLine: f.line, fields: null, raw: first!.text, error: csvErrorText(err) };
    if (rest.length === 0) return;
    const framer = new Framer(maxLines);
    for (const l of rest) for (const g of framer.push(l.line, l.text)) yield* parseOne(g, maxLines);
    for (const g of framer.end()) yield* parseOne(g, maxLines);
  }
}

function* parseBatch(batch: Framed[], maxLines: number): Generator<CsvRecord> {
  if (batch.every((f) => !f.error)) {
    try {
      const rows = parse(batch.map(textOf).join('\n'), { relax_column_count: true }) as string[][];
      if (rows.length === batch.length) {
        for (const [i, f] of batch.entries()) yield { line: f.line, endLine: f.endLine, fields: rows[i]! };
        return;
      }
    } catch {
      // one of them is malformed: read them one by one below
    }
  }
  for (const f of batch) yield* parseOne(f, maxLines);
}

/** Every non-blank record of the input, in order, as fields or as an error naming its line. */
export async function* readCsvRecords(
  source: ByteSource,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvRecord> {
  const opts = { maxRecordLines: 10, maxLineChars: 1 << 20, batchSize: 256, ...options };
  let batch: Framed[] = [];
  for await (const f of framedRecords(source, opts)) {
    batch.push(f);
    if (batch.length >= opts.batchSize) {
      yield* parseBatch(batch, opts.maxRecordLines);
      batch = [];
    }
  }
  yield* parseBatch(batch, opts.maxRecordLines);
}

/** Lenient read of a malformed record's fields (quotes taken literally), to learn e.g. its key column. */
export function salvageFields(raw: string): string[] {
  try {
    const [fields] = parse(raw, { relax_column_count: true, relax_quotes: true }) as string[][];
    if (fields) return fields;
  } catch {
    // fall through to a plain split
  }
  return raw.split(',').map((v) => v.replace(/^\s*"|"\s*$/g, ''));
}
