import { generateKeyPairSync } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { inflateSync } from 'node:zlib';
import jsQRImport from 'jsqr';
import { describe, expect, it } from 'vitest';
import { signInvitation, signInvitationJson, verifyInvitation } from '../../domain/distribution/qr.ts';
import { invitationQr, qrMatrix, scheduleText, writeInvitationsPdf } from './invitations.pdf.ts';
import type { InvitationLine } from './receipts.service.ts';

/** jsqr is CommonJS: its function is the default export or the module itself. */
const jsQR = ((jsQRImport as unknown as { default?: unknown }).default ??
  jsQRImport) as typeof jsQRImport.default;

/** The symbol drawn as an RGBA bitmap (4 px per module, 4-module quiet zone), as a camera would see it. */
function bitmap(text: string) {
  return raster(qrMatrix(text));
}

function raster({ size, dark }: { size: number; dark: (row: number, col: number) => boolean }) {
  const scale = 4;
  const side = (size + 8) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const r = Math.floor(y / scale) - 4;
      const c = Math.floor(x / scale) - 4;
      if (r >= 0 && c >= 0 && r < size && c < size && dark(r, c)) {
        const i = (y * side + x) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  }
  return { data, side };
}

const line = (i: number): InvitationLine => ({
  entitlementId: `0195f0c2-7d1e-7000-8000-${String(i).padStart(12, '0')}`,
  kkNumber: `33070101019${String(i).padStart(5, '0')}`,
  headName: `Kepala Keluarga ${i}`,
  address: 'Dusun Krajan',
  rt: '1',
  rw: '2',
  villageCode: '33.07.01.2001',
  districtCode: '33.07.01',
  pointId: null,
  period: '2026-09',
  programme: 'BPNT',
  tranche: 1,
  amount: 200_000,
  packages: 0,
  until: '2026-09-30T08:00:00.000Z',
  startsAt: null,
});

describe('invitation letters', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const payload = (i: number) => ({
    e: line(i).entitlementId,
    k: line(i).kkNumber,
    p: '2026-09',
    g: 'BPNT',
    t: i % 2 ? null : '0195f0c2-7d1e-7000-8000-0000000000aa',
    r: 1,
    a: 200_000 + i,
    n: 0,
    x: '2026-09-30T08:00:00.000Z',
    v: '0123456789abcdef',
  });
  const code = (i: number) => signInvitation(payload(i), privateKey);
  const signer = { keyId: '0123456789abcdef', privateKey };
  /** The code letter `i` carries: its line's fields, signed. */
  const letterCode = (i: number) => invitationQr(line(i), signer);
  const file = {
    villageName: 'Desa Uji',
    programmeName: 'BPNT',
    points: {},
    createdAt: new Date('2026-09-01T00:00:00Z'),
  };

  it('draws QR symbols (fixed mask, one segment) that a decoder reads back exactly', () => {
    for (let i = 0; i < 12; i++) {
      const text = code(i);
      const { data, side } = bitmap(text);
      expect(jsQR(data, side, side)?.data).toBe(text);
    }
  });

  it('holds a compact code in a version-8 symbol (alphanumeric mode), a JSON-form code in version 13', () => {
    expect(code(1).startsWith('DTKS2:')).toBe(true);
    expect(qrMatrix(code(1)).size).toBe(49);
    const old = signInvitationJson(payload(1), privateKey);
    expect(qrMatrix(old).size).toBe(69);
    const { data, side } = bitmap(old);
    expect(jsQR(data, side, side)?.data).toBe(old);
  });

  it("writes the schedule in the village's time zone, named", () => {
    const at = { startsAt: '2026-09-01T01:00:00.000Z', until: '2026-09-30T08:00:00.000Z', period: '2026-09' };
    expect(scheduleText({ ...at, villageCode: '33.07.01.2001' })).toMatch(
      /^1 September 2026.*08\.00 WIB s\.d\. 30 September 2026.*15\.00 WIB$/,
    );
    expect(scheduleText({ ...at, villageCode: '73.71.01.1001' })).toMatch(
      /09\.00 WITA s\.d\. .*16\.00 WITA$/,
    );
    expect(scheduleText({ ...at, villageCode: '94.71.01.1001' })).toMatch(/10\.00 WIT s\.d\. .*17\.00 WIT$/);
    // Unscheduled: valid to the period's end, said as a month (its instant is the next month east of UTC).
    expect(
      scheduleText({ startsAt: null, until: at.until, villageCode: '94.71.01.1001', period: '2026-09' }),
    ).toBe('belum dijadwalkan; berlaku s.d. akhir September 2026');
  });

  it('writes one PDF with two letters per page', async () => {
    const out = new PassThrough();
    const pdf = buffer(out);
    async function* lines() {
      for (let i = 0; i < 5; i++) yield line(i);
    }
    const n = await writeInvitationsPdf(out, lines(), file, signer);
    expect(n).toBe(5);
    expect(verifyInvitation(letterCode(3), publicKey)).toMatchObject({
      ok: true,
      payload: { e: line(3).entitlementId, k: line(3).kkNumber, a: 200_000, v: signer.keyId },
    });
    const bytes = await pdf;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = bytes.toString('latin1');
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(3);

    // The page streams as written: the title and closing note are two form XObjects placed on every letter,
    // each QR symbol is runs of modules under one scaling `cm`; read back from the runs, every symbol decodes.
    const streams = [...text.matchAll(/\d+ 0 obj\n(<<[\s\S]*?>>)\nstream\n([\s\S]*?)\nendstream/g)].map(
      (m) => ({
        dict: m[1]!,
        body: inflateSync(Buffer.from(m[2]!, 'latin1')).toString('latin1'),
      }),
    );
    const forms = streams.filter((s) => s.dict.includes('/Subtype /Form'));
    expect(forms).toHaveLength(2);
    expect(forms[0]!.body).toContain('TJ');
    const pages = streams.filter((s) => s.body.includes(' Do Q'));
    expect(pages).toHaveLength(3);
    expect(pages.map((p) => p.body.match(/\/Tpl1 Do/g)?.length)).toEqual([2, 2, 1]);
    expect(pages.map((p) => p.body.match(/\/Tpl2 Do/g)?.length)).toEqual([2, 2, 1]);
    const drawn = pages.flatMap((p) => [...p.body.matchAll(/ cm\n((?:\d+ \d+ \d+ 1 re\n)+)f Q/g)]);
    expect(drawn).toHaveLength(5);
    drawn.forEach((m, i) => {
      const runs = [...m[1]!.matchAll(/(\d+) (\d+) (\d+) 1 re/g)].map((r) => r.slice(1).map(Number));
      const size = qrMatrix(letterCode(i)).size;
      const dark = (row: number, col: number) =>
        runs.some(([c, r, len]) => r === row && col >= c! && col < c! + len!);
      const { data, side } = raster({ size, dark });
      expect(jsQR(data, side, side)?.data, `letter ${i}`).toBe(letterCode(i));
    });
  });
});
