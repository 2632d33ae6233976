import { inflateSync } from 'node:zlib';

/**
 * The text drawn in a PDF made by pdfkit with the standard fonts: content streams are inflated and the
 * hex strings of each TJ/Tj operator joined (kerning splits words into several strings, justified lines space words by shifts). Good enough to
 * assert that a document really says something; not a general PDF parser.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const streams = /stream\r?\n/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const op of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (op[1] === undefined) {
        out.push(Buffer.from(op[2]!, 'hex').toString('latin1'));
        continue;
      }
      // Inside TJ, a large negative shift is a justified space; small ones are kerning.
      let line = '';
      for (const part of op[1].matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)) {
        if (part[1] !== undefined) line += Buffer.from(part[1], 'hex').toString('latin1');
        else if (Number(part[2]) < -150) line += ' ';
      }
      out.push(line);
    }
    streams.lastIndex = end;
  }
  return out.join('\n');
}
