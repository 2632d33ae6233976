import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeJpeg, makeThumbnail, UnreadableImage } from './thumbnail.ts';

const image = (width: number, height: number, seed: number) => {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + seed * 31 + (i >> 9)) & 0xff;
  return { width, height, data };
};

describe('encodeJpeg (one reused jpeg-js encoder)', () => {
  it('is byte-identical to jpeg-js encode, call after call, whatever came before', () => {
    // Different sizes in turn: a state left over from one image would show in the next.
    for (const [w, h, seed] of [
      [32, 32, 1],
      [256, 192, 2],
      [7, 300, 3],
      [32, 32, 1],
      [1, 1, 4],
    ] as const) {
      const img = image(w, h, seed);
      expect(encodeJpeg(img).equals(Buffer.from(jpeg.encode(img, 80).data))).toBe(true);
    }
  });
});

describe('makeThumbnail', () => {
  it('makes a decodable JPEG preview of at most 256 px from a PNG', () => {
    const src = new PNG({ width: 600, height: 300 });
    src.data.set(image(600, 300, 5).data);
    const thumb = makeThumbnail(PNG.sync.write(src), 'image/png');
    expect(thumb).not.toBeNull();
    const out = jpeg.decode(thumb!, { useTArray: true });
    expect([out.width, out.height]).toEqual([256, 128]);
  });

  it('refuses an image that claims a type but does not decode', () => {
    const png = PNG.sync.write(Object.assign(new PNG({ width: 4, height: 4 }), {}));
    const broken = Buffer.concat([png.subarray(0, 40), Buffer.alloc(20, 0xaa)]);
    expect(() => makeThumbnail(broken, 'image/png')).toThrow(UnreadableImage);
  });
});
