/**
 * A small JPEG preview (longest side 256 px) of an uploaded JPEG or PNG, made with pure-JavaScript codecs
 * (no native image library). PDFs and WebP images get no thumbnail; the UI shows an icon instead.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

const MAX_SIDE = 256;
/** Larger images are not decoded for a preview (memory): ~40 megapixels. */
const MAX_PIXELS = 40_000_000;

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

function decode(buffer: Buffer, mime: string): Rgba | null {
  if (mime === 'image/jpeg') {
    return jpeg.decode(buffer, { useTArray: true, maxResolutionInMP: MAX_PIXELS / 1e6, formatAsRGBA: true });
  }
  if (mime === 'image/png') {
    const png = PNG.sync.read(buffer);
    return { width: png.width, height: png.height, data: png.data };
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

export function makeThumbnail(buffer: Buffer, mime: string): Buffer | null {
  try {
    const img = decode(buffer, mime);
    if (!img) return null;
    const small = downscale(img);
    return Buffer.from(jpeg.encode({ ...small, data: Buffer.from(small.data) }, 80).data);
  } catch {
    // A file that passed the type check but does not decode still gets stored; it just has no preview.
    return null;
  }
}
