/**
 * The names attached files carry: what is kept of the name a client sent, and the name a file is served
 * under. Pure, so the server and the web app agree.
 */

/** The extensions of each type the cycle stores; the first is the one added when a name lacks one. */
export const TYPE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
};

/**
 * The only types a browser is asked to show (`Content-Disposition: inline`), and only when a photo is asked
 * for display: images that run nothing. Every other file, PDFs included, is a download.
 */
export const DISPLAY_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** The type an extension claims, for the extensions of the types above. */
export function typeOfExtension(ext: string): string | undefined {
  const lower = ext.toLowerCase();
  return Object.keys(TYPE_EXTENSIONS).find((mime) => TYPE_EXTENSIONS[mime]!.includes(lower));
}

/** The text after the last dot of a name ('' when it has none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : '';
}

const MAX_NAME_CODE_POINTS = 120;
/** Bidirectional overrides and isolates: `foto\u202Egpj.exe` shows as "fotoexe.jpg". Letters of RTL scripts stay. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const CONTROL = /\p{Cc}/gu;

/**
 * What is kept of the name a client sent: the last path segment only (old browsers send the full local
 * path, which names the user's folders), any script and emoji, quotes as they are; control characters
 * (newlines, tabs) become spaces, bidirectional controls are dropped, lone surrogates become U+FFFD, no
 * leading dots (hidden files), no trailing dots or spaces (Windows drops them), at most 120 code points
 * (the end is kept: it holds the extension). Never empty.
 */
export function safeFileName(name: string): string {
  const base = name.toWellFormed().normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(BIDI_CONTROLS, '')
    .replace(CONTROL, ' ')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+/u, '')
    .replace(/[\s.]+$/u, '');
  const points = Array.from(cleaned);
  const bounded =
    points.length > MAX_NAME_CODE_POINTS ? points.slice(-MAX_NAME_CODE_POINTS).join('') : cleaned;
  return bounded.replace(/^[\s.]+/u, '') || 'file';
}

/**
 * The name a file of type `mime` is stored and served under: the kept name when its extension is one of
 * that type's, otherwise the kept name with the type's extension added (`x.html` holding a JPEG becomes
 * `x.html.jpg`). Added rather than replaced, so a name whose dots are not an extension
 * ("Foto 12.03.2026") loses nothing. Idempotent.
 */
export function downloadName(name: string, mime: string): string {
  const safe = safeFileName(name);
  const extensions = TYPE_EXTENSIONS[mime];
  if (!extensions) return safe;
  if (extensions.includes(extensionOf(safe).toLowerCase())) return safe;
  return `${safe}.${extensions[0]}`;
}

/**
 * The plain-ASCII stand-in for clients that do not read RFC 5987's `filename*`: accents dropped
 * (é → e), other characters and `%` (some clients decode %XX) replaced by `_`.
 */
export function asciiFileName(name: string): string {
  return Array.from(name.normalize('NFKD').replace(/\p{M}/gu, ''))
    .map((c) => (/^[\x20-\x7e]$/.test(c) && c !== '%' ? c : '_'))
    .join('');
}
