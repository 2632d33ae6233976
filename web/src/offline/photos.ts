/**
 * Photos taken for offline changes (and the proof-of-receipt photo, web/src/pages/receipts/ReceivePage.tsx,
 * online or queued): made smaller in the browser before they are queued or sent (a phone camera's
 * 4–12 MB picture would pass the server's 10 MiB limit rarely and fill the device's storage) — drawn on a
 * canvas at most 1600 px on the long side and saved as JPEG at quality 0.8 (browser-image-compression would
 * do the same with more code; a canvas is enough). A file the browser cannot draw is kept as it is (the
 * server checks it). Each photo is named by its SHA-256 (the `ref` the change carries) and kept as base64
 * with the change (encrypted like the rest of the queue, web/src/offline/store.ts).
 */

export const MAX_SIDE = 1600;
export const JPEG_QUALITY = 0.8;

export interface OfflinePhoto {
  ref: string;
  name: string;
  base64: string;
  /** For a proposal: which document it is (house_front, house_back, house_inside, kk_copy). */
  kind?: string;
}

/** The photo as a JPEG at most MAX_SIDE px on its long side; the original when that is not smaller. */
export async function compressPhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file;
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) {
    bitmap.close();
    return file;
  }
  ctx.fillStyle = '#fff'; // a transparent PNG becomes white, not black, as a JPEG
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const jpeg = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/jpeg', JPEG_QUALITY));
  if (!jpeg) return file;
  return scale === 1 && file.type === 'image/jpeg' && file.size <= jpeg.size ? file : jpeg;
}

/** A photo from the camera or the gallery, compressed, hashed and encoded for the queue. */
export async function readPhoto(file: File, kind?: string): Promise<OfflinePhoto> {
  const compressed = await compressPhoto(file);
  const bytes = new Uint8Array(await compressed.arrayBuffer());
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const ref = Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const base = (file.name || 'foto').replace(/\.[A-Za-z0-9]+$/, '');
  const name = compressed === file ? file.name || 'foto.jpg' : `${base}.jpg`;
  return { ref, name, base64: btoa(binary), ...(kind ? { kind } : {}) };
}
