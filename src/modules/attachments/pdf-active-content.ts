/**
 * Finds active content in a PDF — JavaScript, automatic actions, launched programs, embedded files, rich
 * media, XFA forms — without a PDF library: by the PDF names that introduce them, in the file's bytes and
 * inside its compressed object streams, which are inflated with node:zlib.
 *
 * What a reader parses as objects is (1) the bytes outside streams and (2) the decoded content of object
 * streams. Both are scanned for every name below. Long names (`/JavaScript`, `/Launch`, …) are also looked
 * for inside every other stream's raw bytes, because a cross-reference table may point a reader at an object
 * hidden there; the short ones (`/JS`, `/AA`) are not, since random image data would contain them by chance
 * (about one 10 MB scan in twenty). A JavaScript action always carries the long name `/JavaScript` (its `/S`),
 * so it is found either way.
 *
 * A stream is an object stream when its dictionary says `/Type /ObjStm` or has `/First` (what readers need
 * to parse one). One that cannot be decoded here (another filter, a predictor, encryption, damage, or more
 * than the size budget) is reported as unreadable: a file that cannot be checked is not accepted.
 */
import { constants, inflateSync } from 'node:zlib';
import { label } from '../../domain/catalogue.ts';
import type { Text } from '../../domain/errors.ts';

/** Names that introduce active content (PDF 1.7 / ISO 32000 §12.6, §7.11.4, §12.7.8; Adobe's RichMedia). */
const ACTIVE_NAMES = new Set(['JavaScript', 'JS', 'AA', 'OpenAction', 'Launch', 'XFA']);
const ACTIVE_PREFIXES = ['EmbeddedFile', 'RichMedia'];
/** Names found in raw stream bytes only when long enough not to occur there by chance. */
const MIN_NAME_IN_RAW_DATA = 3;

/** Decoded object streams may add up to this much; more is refused (a compression bomb). */
const DECODE_BUDGET = 64 * 1024 * 1024;

export type PdfVerdict =
  | { ok: true }
  | { ok: false; reason: 'active'; names: string[] }
  | { ok: false; reason: 'unreadable'; detail: Text };

/** A PDF name token: `/` then regular characters (ISO 32000 §7.3.5), with `#xx` escapes decoded. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of PDF's white-space characters (§7.2.2)
const NAME = /\/([^\x00\t\n\f\r ()<>[\]{}/%]*)/g;
/** A name (group 1), or an integer or delimiter (group 2), in a stream's dictionary. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of PDF's white-space characters (§7.2.2)
const DICT_TOKEN = /\/([^\x00\t\n\f\r ()<>[\]{}/%]*)|(-?\d+|\[|\]|<<|>>|R\b)/g;
const STREAM = /(?<![A-Za-z])stream(?:\r\n|\n|\r)?/g;

function decodeName(raw: string): string {
  return raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function isActive(name: string): boolean {
  return ACTIVE_NAMES.has(name) || ACTIVE_PREFIXES.some((p) => name.startsWith(p));
}

/**
 * The active names in `text` (latin1). `/OpenAction` alone is a harmless "open at this page" unless what it
 * opens is JavaScript or a launch, which this finds by those names; so it is reported only with them.
 */
function activeNames(text: string, minLength = 0): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(NAME)) {
    if (m[1]!.length < minLength) continue;
    const name = decodeName(m[1]!);
    if (isActive(name)) found.add(name);
  }
  return found;
}

interface StreamDict {
  objectStream: boolean;
  filters: string[];
  /** A filter is given, but not as names this scanner can read (an indirect reference). */
  opaqueFilter: boolean;
  predictor: number;
}

/** What matters of the dictionary before a `stream` keyword, read from the names and numbers in it. */
function readStreamDict(text: string): StreamDict {
  const tokens = [...text.matchAll(DICT_TOKEN)].map((m) =>
    m[1] !== undefined ? { name: decodeName(m[1]), other: '' } : { name: '', other: m[2] ?? '' },
  );
  const dict: StreamDict = { objectStream: false, filters: [], opaqueFilter: false, predictor: 1 };
  for (let i = 0; i < tokens.length; i++) {
    const key = tokens[i]!.name;
    const next = tokens[i + 1] ?? { name: '', other: '' };
    if (key === 'First') dict.objectStream = true;
    if (key === 'Type' && next.name === 'ObjStm') dict.objectStream = true;
    if (key === 'Predictor' && /^\d+$/.test(next.other)) dict.predictor = Number(next.other);
    if (key !== 'Filter') continue;
    if (next.name) dict.filters.push(next.name);
    else if (next.other === '[') {
      for (let j = i + 2; j < tokens.length && tokens[j]!.other !== ']'; j++) {
        if (tokens[j]!.name) dict.filters.push(tokens[j]!.name);
        else dict.opaqueFilter = true;
      }
    } else dict.opaqueFilter = true;
  }
  return dict;
}

/** Where each stream's data starts and ends, and the dictionary text before it. */
function* streams(text: string): Generator<{ dict: string; start: number; end: number }> {
  for (const m of text.matchAll(STREAM)) {
    const keyword = m.index;
    const start = keyword + m[0].length;
    const objStart = text.lastIndexOf('obj', keyword);
    const dict = text.slice(Math.max(objStart, keyword - 65536, 0), keyword);
    const endstream = text.indexOf('endstream', start);
    yield { dict, start, end: endstream < 0 ? text.length : endstream };
  }
}

function inflate(data: Buffer, budget: number): Buffer {
  return inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, budget) });
}

/** Scans a whole PDF. */
export function checkPdf(bytes: Buffer): PdfVerdict {
  const text = bytes.toString('latin1');
  const found = new Set<string>();
  let budget = DECODE_BUDGET;
  let outside = '';
  let last = 0;
  for (const s of streams(text)) {
    if (s.start < last) continue;
    outside += text.slice(last, s.start);
    last = s.end;
    for (const n of activeNames(text.slice(s.start, s.end), MIN_NAME_IN_RAW_DATA)) found.add(n);
  }
  outside += text.slice(last);
  for (const n of activeNames(outside)) found.add(n);

  // Object streams are looked for at every `stream` keyword, also those inside another stream's data.
  for (const s of streams(text)) {
    const dict = readStreamDict(s.dict);
    if (!dict.objectStream) continue;
    const raw = bytes.subarray(s.start, s.end);
    let decoded: Buffer;
    const filters = dict.filters.map((f) => (f === 'Fl' ? 'FlateDecode' : f));
    if (dict.opaqueFilter || filters.some((f) => f !== 'FlateDecode') || filters.length > 1) {
      const used = dict.opaqueFilter ? null : filters.join(', ');
      return unreadable(used ? label('pdf.filter', { filter: used }) : label('pdf.indirect_filter'));
    }
    if (filters.length && dict.predictor > 1) {
      return unreadable(label('pdf.predictor', { predictor: dict.predictor }));
    }
    if (filters.length === 0) decoded = raw;
    else {
      try {
        decoded = inflate(raw, budget);
      } catch (err) {
        const tooBig = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
        return unreadable(label(tooBig ? 'pdf.too_big' : 'pdf.no_inflate'));
      }
    }
    budget -= decoded.length;
    for (const n of activeNames(decoded.toString('latin1'))) found.add(n);
  }

  // An OpenAction that only turns to a page is harmless; with JavaScript or a launch the other names say so.
  const others = [...found].filter((n) => n !== 'OpenAction');
  if (others.length === 0) return { ok: true };
  return { ok: false, reason: 'active', names: [...found].sort() };
}

function unreadable(detail: Text): PdfVerdict {
  return { ok: false, reason: 'unreadable', detail };
}
