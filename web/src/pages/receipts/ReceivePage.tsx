/**
 * The point officer's phone page (issue 15, docs/distribution.md "Proof of receipt"): scan the invitation's QR
 * code with the camera (getUserMedia, frames decoded by jsQR on a canvas) or from an uploaded photo; the server
 * shows the KPM; the officer records the receipt with a photo and the recipient's signature drawn on a canvas
 * (PNG), or a representative with a proof document. Offline, the receipt waits in the device queue
 * (IndexedDB, ./queue.ts) and is sent when the connection returns; another device's earlier receipt is told.
 */
import jsQRImport from 'jsqr';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { type InvitationPayload, parsePayloadJson } from '../../../../src/domain/distribution/qr-payload.ts';
import { rupiah } from '../../../../src/domain/group-digits.ts';
import { ApiError, request } from '../../api/client.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n, useText } from '../../i18n/index.tsx';
import { compressPhoto } from '../../offline/photos.ts';
import { messages } from './messages.ts';
import { enqueue, queued, type SyncOutcome, syncQueue } from './queue.ts';
import { importPublishedKey, refreshKey, verifyOnDevice } from './verify.ts';

/** jsqr is CommonJS: its function is the default export or the module itself, depending on the bundler. */
const jsQR = ((jsQRImport as unknown as { default?: unknown }).default ??
  jsQRImport) as typeof jsQRImport.default;

interface Scan {
  entitlementId: string;
  kkNumber: string;
  headName: string;
  address: string;
  programme: string;
  period: string;
  tranche: number;
  amount: number;
  packages: number;
  state: 'allocated' | 'delivered' | 'returned';
  stopped: boolean;
  /** PT Pos accepted the KPM's record (the server decides again when an offline receipt syncs). */
  accepted: boolean;
  receivedAt: string | null;
}

function decodeImage(source: CanvasImageSource, w: number, h: number): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(source, 0, 0, w, h);
  const img = ctx.getImageData(0, 0, w, h);
  return jsQR(img.data, w, h)?.data ?? null;
}

/** Offline: the KPM as far as the (verified) payload tells. */
function fromPayload(p: InvitationPayload): Scan {
  return {
    entitlementId: p.e,
    kkNumber: p.k,
    headName: '—',
    address: '—',
    programme: p.g,
    period: p.p,
    tranche: p.r,
    amount: p.a,
    packages: p.n,
    state: 'allocated',
    stopped: false,
    accepted: true,
    receivedAt: null,
  };
}

/** Offline without a kept key: the payload's fields, read (not verified) from the code. */
function fromCode(qr: string): Scan | null {
  const body = qr.split('.')[1];
  if (!body) return null;
  try {
    const p = parsePayloadJson(atob(body.replace(/-/g, '+').replace(/_/g, '/')));
    return p ? fromPayload(p) : null;
  } catch {
    return null;
  }
}

/** This device's id (kept in localStorage): receipts name the device that recorded them. */
function deviceId(): string {
  let id = localStorage.getItem('dtks.deviceId');
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem('dtks.deviceId', id);
  }
  return id;
}

const fileToBase64 = (f: Blob) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(f);
  });

export function ReceivePage() {
  const tx = useText(messages);
  const { lang } = useI18n();
  const [qr, setQr] = useState<string | null>(null);
  const [scan, setScan] = useState<Scan | null>(null);
  /** Offline: whether the code's signature was checked on the device ('checked') or could not be. */
  const [offline, setOffline] = useState<false | 'checked' | 'unchecked'>(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const [representative, setRepresentative] = useState(false);
  const [signed, setSigned] = useState(false);
  const [busy, setBusy] = useState(false);
  const [queueSize, setQueueSize] = useState(0);
  const [told, setTold] = useState<SyncOutcome['told']>([]);
  const video = useRef<HTMLVideoElement>(null);
  const pad = useRef<HTMLCanvasElement>(null);
  const stream = useRef<MediaStream | null>(null);

  const refreshQueue = useCallback(async () => setQueueSize((await queued()).length), []);
  const when = (iso: string) =>
    new Date(iso).toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { timeZone: 'Asia/Jakarta' });

  const sync = useCallback(async () => {
    const out = await syncQueue();
    if (out.told.length) setTold((t) => [...t, ...out.told]);
    await refreshQueue();
  }, [refreshQueue]);

  useEffect(() => {
    // Keep the published key on the device while online, to check codes when the connection is gone.
    void refreshKey();
  }, []);

  useEffect(() => {
    void refreshQueue();
    const online = () => void sync();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [refreshQueue, sync]);

  const stopCamera = useCallback(() => {
    for (const tr of stream.current?.getTracks() ?? []) tr.stop();
    stream.current = null;
    setCamera(false);
  }, []);
  useEffect(() => stopCamera, [stopCamera]);

  async function found(text: string) {
    stopCamera();
    setError(null);
    setNote(null);
    setQr(text);
    setSigned(false);
    try {
      setScan(await request<Scan>('POST', '/distribution/receipts/scan', { json: { qr: text } }));
      setOffline(false);
    } catch (err) {
      if (err instanceof ApiError && err.isNetwork) {
        const key = await refreshKey();
        if (!key) {
          setScan(fromCode(text));
          setOffline('unchecked');
          return;
        }
        const check = await verifyOnDevice(text, await importPublishedKey(key), key.keyId, new Date());
        if (check.ok) {
          setScan(fromPayload(check.payload));
          setOffline('checked');
        } else {
          setScan(null);
          setQr(null);
          setNote(tx('offlineInvalid'));
        }
      } else {
        setScan(null);
        setError(err);
      }
    }
  }

  async function startCamera() {
    setError(null);
    try {
      const s = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      stream.current = s;
      setCamera(true);
      const v = video.current;
      if (!v) return;
      v.srcObject = s;
      await v.play();
      const tick = () => {
        if (!stream.current) return;
        if (v.videoWidth > 0) {
          const text = decodeImage(v, v.videoWidth, v.videoHeight);
          if (text) return void found(text);
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    } catch {
      stopCamera();
      setNote(tx('noCamera'));
    }
  }

  async function uploadQr(file: File | undefined) {
    if (!file) return;
    const bitmap = await createImageBitmap(file);
    const text = decodeImage(bitmap, bitmap.width, bitmap.height);
    if (text) await found(text);
    else setNote(tx('noQr'));
  }

  // Signature pad: pointer events on a canvas, exported as PNG.
  useEffect(() => {
    const c = pad.current;
    if (!c) return;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    let drawing = false;
    const at = (e: PointerEvent) => {
      const r = c.getBoundingClientRect();
      return [
        ((e.clientX - r.left) * c.width) / r.width,
        ((e.clientY - r.top) * c.height) / r.height,
      ] as const;
    };
    const down = (e: PointerEvent) => {
      drawing = true;
      ctx.beginPath();
      ctx.moveTo(...at(e));
    };
    const move = (e: PointerEvent) => {
      if (!drawing) return;
      ctx.lineTo(...at(e));
      ctx.stroke();
      setSigned(true);
    };
    const up = () => {
      drawing = false;
    };
    c.addEventListener('pointerdown', down);
    c.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    return () => {
      c.removeEventListener('pointerdown', down);
      c.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
  });

  function clearPad() {
    const c = pad.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    setSigned(false);
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!qr) return;
    const form = new FormData(e.currentTarget);
    const photo = form.get('photo');
    const proof = form.get('proof');
    const body: Record<string, unknown> = {
      qr,
      clientId: `${deviceId()}:${crypto.randomUUID()}`,
      receivedAt: new Date().toISOString(),
      deviceId: deviceId(),
    };
    // A phone's photo (4–12 MB) is shrunk here first, as the offline drafts' photos are: ≤ 1600 px JPEG 0.8
    // (a proof document's picture too; a PDF stays as it is). The upload is smaller and the server's full
    // decoding of the image, the cost of a receipt with a real photo, is several times cheaper.
    if (photo instanceof File && photo.size > 0) body.photo = await fileToBase64(await compressPhoto(photo));
    if (representative) {
      body.representative = {
        name: String(form.get('repName') ?? ''),
        proof: proof instanceof File && proof.size > 0 ? await fileToBase64(await compressPhoto(proof)) : '',
      };
    } else if (signed && pad.current) {
      body.signature = pad.current.toDataURL('image/png');
    }
    setBusy(true);
    setError(null);
    try {
      await request('POST', '/distribution/receipts', { json: body });
      setNote(tx('done'));
      setQr(null);
      setScan(null);
    } catch (err) {
      if (err instanceof ApiError && err.isNetwork) {
        await enqueue({ clientId: String(body.clientId), body, createdAt: String(body.receivedAt) });
        await refreshQueue();
        setNote(tx('queued'));
        setQr(null);
        setScan(null);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="receive-page" data-testid="receive-page">
      <PageHeader title={tx('title')} subtitle={tx('intro')} />
      <ErrorSummary error={error} />
      {note && (
        <p className="notice" role="status" data-testid="receive-note">
          {note}
        </p>
      )}
      {told.map((t) => (
        <p key={`${t.receivedAt}${t.pointId}`} className="notice warning" role="status">
          {tx('told', { at: when(t.receivedAt), point: t.pointId })}
        </p>
      ))}
      <section className="stack">
        <div className="actions">
          {camera ? (
            <button type="button" className="button" onClick={stopCamera}>
              {tx('stopCamera')}
            </button>
          ) : (
            <button type="button" className="button button--primary" onClick={() => void startCamera()}>
              {tx('camera')}
            </button>
          )}
          <label className="button">
            {tx('upload')}
            <input
              type="file"
              accept="image/*"
              name="qrImage"
              hidden
              onChange={(e) => {
                const file = e.target.files?.[0];
                // Cleared so the same photo can be chosen again.
                e.target.value = '';
                void uploadQr(file);
              }}
            />
          </label>
        </div>
        <video ref={video} hidden={!camera} muted playsInline style={{ width: '100%' }} />
        <p>
          {tx('queue', { n: queueSize })}{' '}
          {queueSize > 0 && (
            <button type="button" className="button" onClick={() => void sync()}>
              {tx('sync')}
            </button>
          )}
        </p>
      </section>

      {scan && (
        <section data-testid="receive-kpm">
          <h2>{tx('kpm')}</h2>
          {offline && (
            <p className="notice" data-testid="offline-check" data-check={offline}>
              {tx(offline === 'checked' ? 'offlineScan' : 'offlineUnchecked')}
            </p>
          )}
          <dl>
            <dt>{tx('head')}</dt>
            <dd>{scan.headName}</dd>
            <dt>{tx('kk')}</dt>
            <dd>{scan.kkNumber}</dd>
            <dt>{tx('address')}</dt>
            <dd>{scan.address}</dd>
            <dt>{tx('amount')}</dt>
            <dd>
              {scan.programme} {scan.period} · {tx('tranche', { n: scan.tranche })} ·{' '}
              {scan.packages > 0 ? tx('packages', { n: scan.packages }) : rupiah(scan.amount, lang)}
            </dd>
          </dl>
          {scan.receivedAt && (
            <p className="notice warning">{tx('received', { at: when(scan.receivedAt) })}</p>
          )}
          {scan.stopped && <p className="notice warning">{tx('stopped')}</p>}
          {!scan.stopped && !scan.receivedAt && !scan.accepted && (
            <p className="notice warning" data-testid="not-accepted">
              {tx('notAccepted')}
            </p>
          )}
          {!scan.receivedAt && !scan.stopped && scan.accepted && (
            <form className="stack" onSubmit={(e) => void submit(e)}>
              <label>
                {tx('photo')}
                <input type="file" name="photo" accept="image/*" capture="environment" required />
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={representative}
                  onChange={(e) => setRepresentative(e.target.checked)}
                />{' '}
                {tx('representative')}
              </label>
              {representative ? (
                <>
                  <label>
                    {tx('repName')}
                    <input name="repName" required maxLength={200} />
                  </label>
                  <label>
                    {tx('proof')}
                    <input type="file" name="proof" accept="image/*,application/pdf" required />
                  </label>
                </>
              ) : (
                <div>
                  <p>{tx('signature')}</p>
                  <canvas
                    ref={pad}
                    width={600}
                    height={220}
                    data-testid="signature-pad"
                    style={{
                      width: '100%',
                      border: '1px solid #888',
                      touchAction: 'none',
                      background: '#fff',
                    }}
                  />
                  <button type="button" className="button" onClick={clearPad}>
                    {tx('clear')}
                  </button>
                </div>
              )}
              <button
                type="submit"
                className="button button--primary"
                disabled={busy || (!representative && !signed)}
              >
                {tx('confirm')}
              </button>
            </form>
          )}
        </section>
      )}
    </div>
  );
}
