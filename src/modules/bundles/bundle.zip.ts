/**
 * The .siks container on disk (docs/bundles.md): parts are written to a staging folder first, hashed as they
 * are written, then put in a zip after them come manifest.json and signature.json. Reading lists the central
 * directory (nothing of a part is read for that) and opens one entry at a time as a stream: memory stays
 * bounded whatever the bundle's size.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as yauzl from 'yauzl';
import * as yazl from 'yazl';
import type { BundlePart } from '../../domain/bundles/manifest.ts';

/** An NDJSON part being written: one JSON value per line, hashed and counted on the way to disk. */
export class NdjsonPartWriter {
  readonly name: string;
  readonly path: string;
  readonly #out: WriteStream;
  readonly #hash = createHash('sha256');
  #size = 0;
  #records = 0;

  constructor(dir: string, name: string) {
    this.name = name;
    this.path = join(dir, name.replace('/', '__'));
    this.#out = createWriteStream(this.path);
  }

  /** Writes one record; resolves when the file can take more (back-pressure). */
  async write(record: unknown): Promise<void> {
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    this.#hash.update(line);
    this.#size += line.length;
    this.#records++;
    if (!this.#out.write(line)) await new Promise<void>((resolve) => this.#out.once('drain', resolve));
  }

  get records(): number {
    return this.#records;
  }

  async close(): Promise<BundlePart & { path: string }> {
    await new Promise<void>((resolve, reject) =>
      this.#out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    return {
      name: this.name,
      size: this.#size,
      sha256: this.#hash.digest('hex'),
      records: this.#records,
      path: this.path,
    };
  }
}

/** A staging folder for a bundle's parts, removed by `dispose()`. */
export async function stagingDir(): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'dtks-bundle-'));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** SHA-256 and size of a file, streamed. */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  const { size: onDisk } = await stat(path);
  if (onDisk !== size) throw new Error(`${path} changed while it was read`);
  return { sha256: hash.digest('hex'), size };
}

/**
 * Writes the zip: the parts (from their staged files), then the manifest and the signature. NDJSON parts
 * are deflated; photos are stored (already compressed).
 */
export async function writeZip(
  out: string,
  parts: readonly { name: string; path: string }[],
  manifest: Buffer,
  signature: Buffer,
): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const p of parts) zip.addFile(p.path, p.name, { compress: p.name.endsWith('.ndjson') });
  zip.addBuffer(manifest, 'manifest.json');
  zip.addBuffer(signature, 'signature.json');
  zip.end();
  await pipeline(zip.outputStream as Readable, createWriteStream(out));
}

export interface BundleEntry {
  name: string;
  size: number;
  entry: yauzl.Entry;
}

/** An open .siks file: its entries (from the central directory) and a way to read each. */
export class BundleReader {
  readonly #zip: yauzl.ZipFile;
  readonly entries: BundleEntry[];

  private constructor(zip: yauzl.ZipFile, entries: BundleEntry[]) {
    this.#zip = zip;
    this.entries = entries;
  }

  /** Opens the file and lists its entries; throws (a plain Error) when it is not a zip. */
  static async open(path: string): Promise<BundleReader> {
    const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: true });
    const entries: BundleEntry[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (entry: yauzl.Entry) => {
          entries.push({ name: entry.fileName, size: entry.uncompressedSize, entry });
          zip.readEntry();
        });
        zip.on('end', () => resolve());
        zip.on('error', reject);
        zip.readEntry();
      });
    } catch (err) {
      zip.close();
      throw err;
    }
    return new BundleReader(zip, entries);
  }

  find(name: string): BundleEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /** The entry's bytes, streamed (the zip's own sizes are checked by yauzl as it reads). */
  stream(e: BundleEntry): Promise<Readable> {
    return this.#zip.openReadStreamPromise(e.entry);
  }

  /** A small entry read whole; undefined when it is larger than `max`. */
  async read(e: BundleEntry, max: number): Promise<Buffer | undefined> {
    if (e.size > max) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of await this.stream(e)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** SHA-256 and byte count of an entry's content. */
  async hash(e: BundleEntry): Promise<{ sha256: string; size: number }> {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of await this.stream(e)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { sha256: hash.digest('hex'), size };
  }

  /** The lines of an NDJSON entry, parsed one by one, with their line numbers. */
  async *records(e: BundleEntry): AsyncGenerator<{ line: number; value: unknown }> {
    let rest = '';
    let line = 0;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for await (const chunk of await this.stream(e)) {
      rest += decoder.decode(chunk as Buffer, { stream: true });
      let start = 0;
      for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
        const text = rest.slice(start, nl);
        start = nl + 1;
        line++;
        if (text.length > 0) yield { line, value: JSON.parse(text) };
      }
      rest = rest.slice(start);
    }
    rest += decoder.decode();
    if (rest.length > 0) yield { line: line + 1, value: JSON.parse(rest) };
  }

  close(): void {
    this.#zip.close();
  }
}
