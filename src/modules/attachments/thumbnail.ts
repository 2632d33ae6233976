/**
 * A small JPEG preview (longest side 256 px) of an uploaded JPEG or PNG, made with pure-JavaScript codecs
 * (no native image library). Making it is also the upload's check that the image really decodes. PDFs and
 * WebP images get no thumbnail; the UI shows an icon instead.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type jpegJs from 'jpeg-js';
import type pngJs from 'pngjs';

const require = createRequire(import.meta.url);

const MAX_SIDE = 256;
/** Larger images are not decoded for a preview (memory): ~40 megapixels. */
const MAX_PIXELS = 40_000_000;

/** Quality of the preview JPEG. */
const QUALITY = 80;

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

/** An image that claims a type by its first bytes but does not decode as one. */
export class UnreadableImage extends Error {}

function decode(buffer: Buffer, mime: string): Rgba | null {
  // The codecs are loaded by the first image, not by every process that imports the attachments service.
  if (mime === 'image/jpeg') {
    const jpeg = require('jpeg-js') as typeof jpegJs;
    return jpeg.decode(buffer, { useTArray: true, maxResolutionInMP: MAX_PIXELS / 1e6, formatAsRGBA: true });
  }
  if (mime === 'image/png') {
    const { PNG } = require('pngjs') as typeof pngJs;
    const png = PNG.sync.read(buffer);
    return { width: png.width, height: png.height, data: png.data };
  }
  return null;
}

/**
 * Width × height from the header, before decoding: a PNG's IHDR, a JPEG's start-of-frame segment. Null
 * when the header is not there (the image is then unreadable).
 */
export function imagePixels(buffer: Buffer, mime: string): number | null {
  if (mime === 'image/png') {
    if (buffer.length < 24 || buffer.toString('latin1', 12, 16) !== 'IHDR') return null;
    return buffer.readUInt32BE(16) * buffer.readUInt32BE(20);
  }
  if (mime === 'image/jpeg') {
    let at = 2;
    while (at + 9 < buffer.length) {
      if (buffer[at] !== 0xff) return null;
      const marker = buffer[at + 1]!;
      if (marker === 0xff) {
        at++;
        continue;
      }
      // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return buffer.readUInt16BE(at + 5) * buffer.readUInt16BE(at + 7);
      }
      at += 2 + buffer.readUInt16BE(at + 2);
    }
    return null;
  }
  return null;
}

/** Box-filter downscale: each target pixel averages the source pixels it covers. */
export function downscale(src: Rgba, maxSide = MAX_SIDE): Rgba {
  const scale = Math.min(1, maxSide / Math.max(src.width, src.height));
  const width = Math.max(1, Math.round(src.width * scale));
  const height = Math.max(1, Math.round(src.height * scale));
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * src.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * src.height) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * src.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * src.width) / width));
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const i = (sy * src.width + sx) * 4;
          r += src.data[i]!;
          g += src.data[i + 1]!;
          b += src.data[i + 2]!;
          n++;
        }
      }
      const o = (y * width + x) * 4;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/**
 * The preview of a JPEG or PNG; null for other types and for images over ~40 megapixels (not decoded, for
 * memory; stored without a preview). Throws `UnreadableImage` when the image does not decode: such a file is
 * damaged or only disguised as an image, and is refused.
 */
export function makeThumbnail(buffer: Buffer, mime: string): Buffer | null {
  if (mime !== 'image/jpeg' && mime !== 'image/png') return null;
  const pixels = imagePixels(buffer, mime);
  if (!pixels) throw new UnreadableImage(`no ${mime} header`);
  if (pixels > MAX_PIXELS) return null;
  let img: Rgba | null;
  try {
    img = decode(buffer, mime);
  } catch (err) {
    throw new UnreadableImage(String(err));
  }
  if (!img || img.width * img.height === 0) throw new UnreadableImage('no pixels');
  const small = downscale(img);
  return encodeJpeg({ ...small, data: Buffer.from(small.data) });
}

interface JpegEncoder {
  encode(image: { width: number; height: number; data: Buffer }, quality: number): Buffer;
}

type EncoderClass = new (quality: number) => JpegEncoder;

let encoder: JpegEncoder | undefined;

/**
 * jpeg-js's encoder, built once and reused. Its `encode()` builds a new `JPEGEncoder` on every call, and the
 * constructor fills lookup tables of 65,535 entries (one small array each): ~15 ms of CPU and as much garbage
 * per preview, against ~0.2 ms for the encoding itself (bench/results/receipts.md). The library exports only
 * `encode`, so its (CommonJS, dependency-free) encoder file is evaluated here once to reach the constructor;
 * the output is byte-identical to `jpeg.encode` (checked by thumbnail.test.ts). The encoder is synchronous and
 * resets its output buffer at the start of each `encode`, so one instance serves every call.
 */
export function encodeJpeg(image: { width: number; height: number; data: Buffer }): Buffer {
  if (!encoder) {
    const source = readFileSync(require.resolve('jpeg-js/lib/encoder.js'), 'utf8');
    const load = new Function('module', `${source}\n;return JPEGEncoder;`) as (m: object) => EncoderClass;
    encoder = new (load({}))(QUALITY);
  }
  return Buffer.from(encoder.encode(image, QUALITY));
}
