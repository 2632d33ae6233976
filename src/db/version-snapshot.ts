/**
 * How a version snapshot (`record_versions.snapshot`) is stored: JSON, compressed with raw DEFLATE against a
 * preset dictionary, behind a one-byte format tag (format 3 written, formats 1 to 3 read). A household of
 * four is ~2.9 KiB of JSON, ~0.9 KiB deflated and ~0.42 KiB with format 2's dictionary, because most of a
 * small document is key names and repeated shapes that plain DEFLATE has no earlier occurrence of; the
 * dictionary gives it one. Format 3 also leaves the key names out (a household and its members are stored
 * as arrays of values in a frozen key order): ~0.32 KiB.
 *
 * The dictionary of a format can never change (stored snapshots depend on it): a better dictionary is a new
 * format tag, decoded alongside the old ones. Pure apart from node:zlib; no I/O.
 */
import { constants, deflateRawSync, InflateRaw, inflateRawSync } from 'node:zlib';

/** Format 1: raw DEFLATE (level 6) with DICTIONARY_V1; still decoded (versions stored before format 2). */
const FORMAT_DEFLATE_DICT_V1 = 1;
/** Format 2: raw DEFLATE (level 6) with DICTIONARY_V2; still decoded (versions stored before format 3). */
const FORMAT_DEFLATE_DICT_V2 = 2;
/**
 * Format 3: the snapshot's JSON with objects of a known shape stored as arrays of their values (`pack`),
 * then raw DEFLATE (level 6) with DICTIONARY_V3; what `encodeSnapshot` writes.
 */
const FORMAT_PACKED_DICT_V3 = 3;

/**
 * Typical snapshot text: PPKS/PSKS keys first, a household with two members last (DEFLATE reaches back at
 * most 32 KiB and matches nearer strings with shorter codes, so the commonest text goes at the end).
 * Frozen: see the module comment.
 */
const PPKS_DICTIONARY_TEXT = JSON.stringify({
  kind: 'tksk',
  isInstitution: false,
  phone: null,
  email: null,
  notes: null,
  personId: null,
  categories: [],
});
const DICTIONARY_V1 = Buffer.from(
  PPKS_DICTIONARY_TEXT +
    JSON.stringify({
      id: '01a244da-f994-7666-9761-a71aab679523',
      kkNumber: '3307030108260717',
      regionCode: '33.07.03.2011',
      rw: '001',
      rt: '001',
      address: 'Dusun Sumber No. 116',
      latitude: null,
      longitude: null,
      headName: 'Agus Utomo',
      memberCount: 4,
      status: 'active',
      removalReason: null,
      removalNote: null,
      version: 1,
      createdAt: '2026-12-05T06:18:51.156Z',
      updatedAt: '2026-12-05T06:18:51.156Z',
      buildingTenure: 1,
      landTenure: 1,
      floorMaterial: 7,
      wallMaterial: 1,
      wallCondition: 2,
      roofMaterial: 6,
      roofCondition: 2,
      drinkingWaterSource: 8,
      lightingSource: 1,
      electricityPower: 1,
      cookingFuel: 3,
      toiletFacility: 1,
      toiletType: 1,
      sewageDisposal: 1,
      floorAreaM2: 56,
      roomCount: 2,
      landAreaM2: 2733,
      cattleCount: 1,
      buffaloCount: 0,
      horseCount: 0,
      pigCount: 0,
      goatCount: 0,
      hasGas5kg: false,
      hasRefrigerator: false,
      hasAirConditioner: false,
      hasWaterHeater: false,
      hasLandline: false,
      hasTelevision: false,
      hasGoldSavings: false,
      hasLaptop: false,
      hasBicycle: false,
      hasMotorcycle: false,
      hasCar: false,
      hasBoat: false,
      hasOutboardMotor: false,
      hasMotorboat: false,
      hasShip: false,
      ownsLand: true,
      ownsOtherHouse: false,
      runsBusiness: false,
      members: [
        {
          id: '01a244da-f994-7666-9761-a90d2985ace6',
          nik: '3307030810791934',
          name: 'Agus Utomo',
          birthPlace: 'Wonosobo',
          birthDate: '1979-10-08',
          sex: 'M',
          relationship: 1,
          pregnant: null,
          status: 'active',
          removalReason: null,
          version: 1,
          maritalStatus: 2,
          disability: 0,
          chronicIllness: 0,
          schoolParticipation: 2,
          educationLevel: 4,
          highestDiploma: 2,
          occupationSector: 11,
          jobStatus: 4,
        },
        {
          id: '01a244da-f994-7666-9761-af596d751df4',
          nik: '3307035501803149',
          name: 'Lina Rahayu',
          birthPlace: 'Wonosobo',
          birthDate: '1980-01-15',
          sex: 'F',
          relationship: 2,
          pregnant: false,
          status: 'active',
          removalReason: null,
          version: 1,
          maritalStatus: 2,
          disability: 0,
          chronicIllness: 0,
          schoolParticipation: 2,
          educationLevel: 4,
          highestDiploma: 2,
          occupationSector: 0,
          jobStatus: null,
        },
      ],
    }),
);

/**
 * Format 2's dictionary: the PPKS/PSKS text of format 1, then a household of today's shape (the keys added
 * since format 1 — the poverty-line answers, `kksNumber`, members' income and employer — and three members:
 * head, spouse, child) as the seed writes it. Snapshots of households of four: ~515 bytes with format 1,
 * ~410 with this one (bench/results/seed-storage.md). Only shapes and one household's values, no lists of
 * names (which would flatter the synthetic data more than real registers). Frozen: see the module comment.
 */
const V2_HOUSEHOLD = {
  id: '01a24d42-a0aa-77e3-9c1b-a8976ab0156b',
  kkNumber: '1904030405233880',
  regionCode: '19.04.03.2011',
  rw: '002',
  rt: '001',
  address: 'Dusun Cikadu',
  latitude: null,
  longitude: null,
  headName: 'Syamsul Setiawan',
  memberCount: 6,
  status: 'active',
  removalReason: null,
  removalNote: null,
  version: 1,
  createdAt: '2026-12-06T21:29:01.736Z',
  updatedAt: '2026-12-06T21:29:01.736Z',
  buildingTenure: 1,
  landTenure: 2,
  floorMaterial: 2,
  wallMaterial: 4,
  wallCondition: 1,
  roofMaterial: 5,
  roofCondition: 2,
  drinkingWaterSource: 10,
  lightingSource: 1,
  electricityPower: 1,
  cookingFuel: 8,
  toiletFacility: 1,
  toiletType: 1,
  sewageDisposal: 1,
  mealsPerDay: 3,
  meatMilkPerWeek: 2,
  newClothesPerYear: 1,
  floorAreaM2: 49,
  roomCount: 4,
  landAreaM2: null,
  cattleCount: 0,
  buffaloCount: 0,
  horseCount: 0,
  pigCount: 0,
  goatCount: 0,
  hasGas5kg: false,
  hasRefrigerator: false,
  hasAirConditioner: false,
  hasWaterHeater: false,
  hasLandline: false,
  hasTelevision: true,
  hasGoldSavings: false,
  hasLaptop: false,
  hasBicycle: true,
  hasMotorcycle: false,
  hasCar: false,
  hasBoat: false,
  hasOutboardMotor: false,
  hasMotorboat: false,
  hasShip: false,
  ownsLand: false,
  ownsOtherHouse: false,
  runsBusiness: false,
  canPayClinic: false,
  headIncomeBelowLine: true,
  hasSavings500k: false,
  kksNumber: null,
  members: [
    {
      id: '01a24d42-a0aa-77e3-9c1b-ad1d83dd9753',
      nik: '1971011604746318',
      name: 'Syamsul Setiawan',
      birthPlace: 'Pangkal Pinang',
      birthDate: '1974-04-16',
      sex: 'M',
      relationship: 1,
      pregnant: null,
      status: 'active',
      removalReason: null,
      version: 1,
      maritalStatus: 2,
      disability: 0,
      chronicIllness: 0,
      schoolParticipation: 2,
      educationLevel: 4,
      highestDiploma: 2,
      occupationSector: 3,
      jobStatus: 6,
      employerType: 7,
      monthlyIncome: 450000,
    },
    {
      id: '01a24d42-a0aa-77e3-9c1b-b12d4e8894e9',
      nik: '1904014907806252',
      name: 'Yuliana Rahmawati',
      birthPlace: 'Bangka Tengah',
      birthDate: '1980-07-09',
      sex: 'F',
      relationship: 2,
      pregnant: null,
      status: 'active',
      removalReason: null,
      version: 1,
      maritalStatus: 2,
      disability: 0,
      chronicIllness: 0,
      schoolParticipation: 2,
      educationLevel: 10,
      highestDiploma: 4,
      occupationSector: 1,
      jobStatus: 8,
      employerType: 7,
      monthlyIncome: 0,
    },
    {
      id: '01a24d42-a0aa-77e3-9c1b-b7385ce83d00',
      nik: '1904035312974967',
      name: 'Rahma',
      birthPlace: 'Bangka Tengah',
      birthDate: '1997-12-13',
      sex: 'F',
      relationship: 3,
      pregnant: false,
      status: 'active',
      removalReason: null,
      version: 1,
      maritalStatus: 3,
      disability: 0,
      chronicIllness: 0,
      schoolParticipation: 2,
      educationLevel: 4,
      highestDiploma: 1,
      occupationSector: 1,
      jobStatus: 2,
      employerType: 7,
      monthlyIncome: 650000,
    },
  ],
};
const DICTIONARY_V2 = Buffer.from(PPKS_DICTIONARY_TEXT + JSON.stringify(V2_HOUSEHOLD));

/**
 * Format 3's shapes: the key lists, in order, of a household snapshot and of a member as
 * `householdFromRows` writes them today. An object with these keys in this order is stored as an array of
 * their values (see `pack`), with any key added since beside them; an object without them all (an older
 * snapshot, a PPKS record) is stored with its keys, so any JSON still round-trips. Frozen: a new list is
 * a new format.
 */
const SHAPES_V3: readonly (readonly string[])[] = [
  [], // 0 tags a plain array
  Object.keys(V2_HOUSEHOLD),
  Object.keys(V2_HOUSEHOLD.members[0]!),
];

/**
 * Format 3's dictionary: format 1's PPKS/PSKS text, then format 2's household packed as format 3 stores it
 * (its values in shape order). Frozen: see the module comment.
 */
const DICTIONARY_V3 = Buffer.from(
  JSON.stringify(pack(JSON.parse(PPKS_DICTIONARY_TEXT))) + JSON.stringify(pack(V2_HOUSEHOLD)),
);

const DICTIONARIES: Record<number, Buffer> = {
  [FORMAT_DEFLATE_DICT_V1]: DICTIONARY_V1,
  [FORMAT_DEFLATE_DICT_V2]: DICTIONARY_V2,
  [FORMAT_PACKED_DICT_V3]: DICTIONARY_V3,
};

/**
 * The form format 2 stored a snapshot in, for benchmarks comparing the formats (bench/snapshot-format.ts);
 * stored snapshots are written with `encodeSnapshot` only.
 */
export function encodeSnapshotFormat2(snapshot: unknown): Uint8Array {
  const body = deflateRawSync(JSON.stringify(snapshot), { dictionary: DICTIONARY_V2 });
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = FORMAT_DEFLATE_DICT_V2;
  body.copy(out, 1);
  return out;
}

/** The stored form of a snapshot. */
export function encodeSnapshot(snapshot: unknown): Uint8Array {
  const body = deflateRawSync(JSON.stringify(pack(snapshot)), { dictionary: DICTIONARY_V3 });
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = FORMAT_PACKED_DICT_V3;
  body.copy(out, 1);
  return out;
}

/**
 * Format 3's JSON, before DEFLATE: every array as `[0, ...items]`; an object holding every key of a known
 * shape (SHAPES_V3) in its order as `[shape, ...values]`, followed by `{key: [position, value]}` for any
 * other keys it has; any other object with its keys. Values are packed the same way, an object with
 * `toJSON` (a Date) as what that answers; strings, numbers, booleans and null are left to JSON.stringify.
 * Arrays always start with their tag, so `unpack` never has to guess.
 */
function pack(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length + 1);
    out[0] = 0;
    for (let i = 0; i < value.length; i++) out[i + 1] = pack(value[i]);
    return out;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return pack((value as { toJSON: () => unknown }).toJSON());
  }
  const record = value as Record<string, unknown>;
  // The keys JSON.stringify writes: those whose value is not undefined, a function or a symbol.
  const keys = Object.keys(record).filter((k) => {
    const v = record[k];
    return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
  });
  for (let s = 1; s < SHAPES_V3.length; s++) {
    const extra = extraKeys(SHAPES_V3[s]!, keys);
    if (extra === null) continue;
    const shape = SHAPES_V3[s]!;
    const out: unknown[] = new Array(shape.length + 1);
    out[0] = s;
    for (let i = 0; i < shape.length; i++) out[i + 1] = pack(record[shape[i]!]);
    if (extra.length > 0) {
      const later: Record<string, unknown> = {};
      for (const i of extra) defineKey(later, keys[i]!, [i, pack(record[keys[i]!])]);
      out.push(later);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) defineKey(out, k, pack(record[k]));
  return out;
}

/**
 * Where `keys` hold `shape`: null unless every key of the shape is there in the shape's order; else the
 * positions in `keys` of the keys the shape does not name (a field added to the household after format 3
 * froze its shape), stored beside the values as `{key: [position, value]}` so the order is kept.
 */
function extraKeys(shape: readonly string[], keys: string[]): number[] | null {
  if (keys.length < shape.length) return null;
  const extra: number[] = [];
  let next = 0;
  for (let i = 0; i < keys.length; i++) {
    if (next < shape.length && keys[i] === shape[next]) next++;
    else extra.push(i);
  }
  return next === shape.length ? extra : null;
}

/** Sets an own enumerable key, "__proto__" included (a plain assignment would set the prototype). */
function defineKey(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * One object literal per shape, `{"id": unpack(p[1]), …}`, compiled once: building a household this way
 * costs about half of assigning its 64 keys one by one (ranking decodes a nation's snapshots). The keys
 * are SHAPES_V3's own, quoted with JSON.stringify.
 */
const BUILDERS_V3 = SHAPES_V3.map(
  (shape) =>
    new Function(
      'p',
      'u',
      `return {${shape.map((k, i) => `${JSON.stringify(k)}: u(p[${i + 1}])`).join(', ')}};`,
    ) as (packed: unknown[], u: (v: unknown) => unknown) => Record<string, unknown>,
);

/** The JSON value `pack` stored as `packed` (as JSON.parse returned it). */
function unpack(packed: unknown): unknown {
  if (typeof packed !== 'object' || packed === null) return packed;
  if (Array.isArray(packed)) {
    const tag = packed[0];
    if (tag === 0) {
      const out: unknown[] = new Array(packed.length - 1);
      for (let i = 1; i < packed.length; i++) out[i - 1] = unpack(packed[i]);
      return out;
    }
    const shape = typeof tag === 'number' ? SHAPES_V3[tag] : undefined;
    if (shape && packed.length === shape.length + 1) return BUILDERS_V3[tag as number]!(packed, unpack);
    if (shape && packed.length === shape.length + 2) return unpackWithLaterKeys(shape, packed);
    throw new Error(`version snapshot: format 3 array with an unknown tag ${JSON.stringify(tag)}`);
  }
  // JSON.parse made these own data properties (a "__proto__" key included): assigning keeps them so.
  const record = packed as Record<string, unknown>;
  for (const k of Object.keys(record)) record[k] = unpack(record[k]);
  return record;
}

/** An object of `shape` with keys the shape does not name, each at its stored position (see extraKeys). */
function unpackWithLaterKeys(shape: readonly string[], packed: unknown[]): Record<string, unknown> {
  const later = packed[packed.length - 1];
  const entries = typeof later === 'object' && later !== null ? Object.entries(later) : [];
  const size = shape.length + entries.length;
  const order: ([string, unknown] | undefined)[] = new Array(size);
  for (const [key, at] of entries) {
    const [i, v] = Array.isArray(at) ? at : [];
    if (!Number.isInteger(i) || i < 0 || i >= size || order[i] !== undefined) {
      throw new Error(`version snapshot: format 3 key ${JSON.stringify(key)} at an invalid position`);
    }
    order[i] = [key, unpack(v)];
  }
  const out: Record<string, unknown> = {};
  let next = 0;
  for (let i = 0; i < size; i++) {
    const entry = order[i] ?? [shape[next]!, unpack(packed[1 + next++])];
    defineKey(out, entry[0], entry[1]);
  }
  return out;
}

/** The snapshot stored as `bytes`; throws on an unknown format or corrupt bytes rather than guess. */
export function decodeSnapshot<T = unknown>(bytes: Uint8Array): T {
  const format = bytes[0];
  const dictionary = format === undefined ? undefined : DICTIONARIES[format];
  if (format === undefined || !dictionary) {
    throw new Error(`version snapshot: unknown storage format ${format ?? '(empty)'}`);
  }
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + 1, bytes.byteLength - 1);
  const text = reusedInflate(format, body) ?? inflateRawSync(body, { dictionary }).toString('utf8');
  const parsed: unknown = JSON.parse(text);
  return (format === FORMAT_PACKED_DICT_V3 ? unpack(parsed) : parsed) as T;
}

/**
 * Inflating a snapshot of ~0.5 KiB with `inflateRawSync` costs ~50 µs, most of it setting up and tearing
 * down a zlib stream and its dictionary; ranking a nation decodes a million of them. One raw-inflate stream
 * per thread, reset between snapshots (the reset restores the dictionary), does the same work in ~20 µs. It
 * drives the stream's handle the way Node's own `inflateRawSync` does (`writeSync` into an output buffer,
 * `_writeState` = [avail out, avail in]); anything unexpected — internals absent, an error, output larger
 * than the buffer, input left over — answers null, and the caller inflates the snapshot the ordinary way
 * (which also reports a corrupt snapshot with zlib's own error).
 */
interface RawInflater {
  stream: InflateRaw & { _handle?: ZlibHandle | null; _writeState?: Uint32Array; destroyed: boolean };
  out: Buffer;
}
interface ZlibHandle {
  reset(): void;
  writeSync(
    flush: number,
    input: Buffer,
    inOff: number,
    inLen: number,
    out: Buffer,
    outOff: number,
    outLen: number,
  ): void;
}

/** One per format (each stream holds its format's dictionary); null where the internals are absent. */
const inflaters = new Map<number, RawInflater | null>();

function reusedInflate(format: number, body: Buffer): string | null {
  let inflater = inflaters.get(format);
  if (inflater === undefined) {
    const stream = new InflateRaw({ dictionary: DICTIONARIES[format]! }) as RawInflater['stream'];
    stream.on('error', () => {});
    inflater = stream._handle && stream._writeState ? { stream, out: Buffer.allocUnsafe(256 * 1024) } : null;
    inflaters.set(format, inflater);
  }
  if (!inflater) return null;
  const { stream, out } = inflater;
  const handle = stream._handle;
  if (!handle || stream.destroyed) {
    inflaters.delete(format);
    return null;
  }
  handle.reset();
  handle.writeSync(constants.Z_FINISH, body, 0, body.byteLength, out, 0, out.byteLength);
  if (stream.destroyed || !stream._handle) {
    inflaters.delete(format);
    return null;
  }
  const [availOut, availIn] = stream._writeState!;
  if (availOut === 0 || availIn !== 0) return null;
  return out.toString('utf8', 0, out.byteLength - availOut!);
}
