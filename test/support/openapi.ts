/**
 * Reading and exercising an OpenAPI 3.1 document in tests: JSON Schema 2020-12 checks (ajv), values that a
 * schema accepts or refuses (a small schema-driven generator: candidate values — real ones harvested from
 * the server's answers first — kept only when the schema says so), and the check of one answer against the
 * operation's documented responses.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { jpegFile, pdfFile } from '../factories/files.ts';

export type JsonSchema = Record<string, unknown>;

export interface ApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema>; securitySchemes?: Record<string, unknown> };
  security?: unknown[];
}

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: JsonSchema;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}

type Responses = Record<string, { content?: Record<string, { schema: JsonSchema }> }>;

export interface Body {
  type: string;
  payload: string | Buffer;
}

/** Values tried when no real one fits, in order: the first one the schema accepts is used. */
const GENERIC = [
  'x',
  '1',
  '33.07',
  '3307',
  '33.07.01',
  '33.07.01.2001',
  '2026-03',
  '2026-01-15',
  '2026-01-15T00:00:00.000Z',
  '3307014107850003',
  '3307010101200001',
  'true',
  'a@b.id',
  '01900000-0000-7000-8000-000000000001',
  'Budi Santoso',
];

export class SchemaTools {
  readonly #doc: ApiDoc;
  readonly #ajv: Ajv2020;
  readonly #compiled = new Map<string, ValidateFunction>();
  /** Real values from the server's answers, by property name; ids by the collection that listed them. */
  readonly #pool = new Map<string, Set<string>>();
  readonly #collections = new Map<string, Set<string>>();

  constructor(doc: ApiDoc) {
    this.#doc = doc;
    this.#ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: true });
    addFormats.default(this.#ajv);
    this.#ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  }

  /** Every `$ref` in the document. */
  refs(): string[] {
    const out: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === '$ref' && typeof x === 'string') out.push(x);
          else walk(x);
        }
      }
    };
    walk(this.#doc);
    return out;
  }

  resolveRef(ref: string): unknown {
    if (!ref.startsWith('#/')) return undefined;
    let at: unknown = this.#doc;
    for (const part of ref.slice(2).split('/')) {
      at = (at as Record<string, unknown> | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    }
    return at;
  }

  /** The schema with document-local `$ref`s replaced by their targets. */
  deref(schema: unknown): unknown {
    if (Array.isArray(schema)) return schema.map((s) => this.deref(s));
    if (!schema || typeof schema !== 'object') return schema;
    const ref = (schema as { $ref?: string }).$ref;
    if (typeof ref === 'string') return this.deref(this.resolveRef(ref));
    return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, this.deref(v)]));
  }

  #validator(schema: unknown): ValidateFunction {
    const key = JSON.stringify(schema);
    const known = this.#compiled.get(key);
    if (known) return known;
    const v = this.#ajv.compile(this.deref(schema) as object);
    this.#compiled.set(key, v);
    return v;
  }

  /** Why `schema` is not a valid JSON Schema 2020-12 (strict: unknown keywords count), or nothing. */
  compileErrors(schema: unknown): string[] {
    try {
      this.#validator(schema);
      return [];
    } catch (err) {
      return [(err as Error).message];
    }
  }

  accepts(schema: JsonSchema, value: unknown): boolean {
    return this.#validator(schema)(value) === true;
  }

  /** A parameter arrives as text: a number-typed schema sees the number it would be coerced to. */
  #acceptsText(schema: JsonSchema, text: string): boolean {
    const s = this.deref(schema) as JsonSchema;
    const types = [s.type].flat();
    if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(text)) {
      return this.accepts(schema, Number(text));
    }
    if (types.includes('boolean') && (text === 'true' || text === 'false'))
      return this.accepts(schema, text === 'true');
    return this.accepts(schema, text);
  }

  /** Keeps what a JSON answer tells: every string property by name, and listed ids by collection path. */
  harvest(path: string, body: string, contentType: string | string[] | undefined): void {
    if (!String(contentType).startsWith('application/json')) return;
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      return;
    }
    const add = (map: Map<string, Set<string>>, key: string, value: string) => {
      if (!map.has(key)) map.set(key, new Set());
      const set = map.get(key)!;
      if (set.size < 20) set.add(value);
    };
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (typeof x === 'string' && x.length > 0 && x.length < 100) add(this.#pool, k, x);
          else walk(x);
        }
      }
    };
    walk(data);
    const list = Array.isArray(data) ? data : (data as { items?: unknown })?.items;
    if (Array.isArray(list)) {
      for (const item of list) {
        const id = (item as { id?: unknown })?.id ?? (item as { code?: unknown })?.code;
        if (typeof id === 'string') add(this.#collections, path, id);
      }
    }
  }

  #candidates(path: string, name: string, schema: JsonSchema, documented: unknown[]): string[] {
    const s = this.deref(schema) as JsonSchema;
    const before = path.split(`/{${name}}`)[0]!;
    const listed = path.includes(`{${name}}`) ? [...(this.#collections.get(before) ?? [])] : [];
    const examples = [documented, s.examples, s.example, s.default, s.enum, s.const]
      .flat()
      .filter((v) => v !== undefined && v !== null)
      .map(String);
    const numeric = [s.minimum, s.maximum].filter((v) => typeof v === 'number').map(String);
    const alias = name === 'cursor' ? (this.#pool.get('nextCursor') ?? []) : [];
    return [...listed, ...alias, ...(this.#pool.get(name) ?? []), ...examples, ...numeric, ...GENERIC];
  }

  /**
   * A value each required parameter's schema accepts (real ones first); an explanation instead when a
   * parameter's schema accepts none of the candidates (give it an example).
   */
  validValues(
    path: string,
    params: Parameter[],
    which: 'required' | 'all' = 'required',
  ): Record<string, string> | string {
    const out: Record<string, string> = {};
    for (const p of params) {
      if (which === 'required' && !p.required) continue;
      const value = this.validValue(path, p);
      if (value === undefined)
        return `no value found for ${p.in} parameter ${p.name} (${JSON.stringify(p.schema)})`;
      out[p.name] = value;
    }
    return out;
  }

  validValue(path: string, p: Parameter): string | undefined {
    const documented = [p.example, ...Object.values(p.examples ?? {}).map((e) => e.value)];
    return this.#candidates(path, p.name, p.schema, documented).find((c) => this.#acceptsText(p.schema, c));
  }

  /** The first generic value (not a documented or real one) that the schema accepts, if any. */
  plainValue(schema: JsonSchema): string | undefined {
    return GENERIC.find((c) => this.#acceptsText(schema, c));
  }

  /** Values a parameter's schema refuses: too long, off-pattern, not a choice, not a number, out of range. */
  invalidValues(schema: JsonSchema, inPath: boolean): string[] {
    const s = this.deref(schema) as JsonSchema;
    const c: string[] = [];
    if (typeof s.maxLength === 'number') c.push('7'.repeat(s.maxLength + 1));
    if (s.pattern || s.enum) c.push('zz!', 'no-such-value');
    const types = [s.type].flat();
    if (types.includes('integer') || types.includes('number')) {
      c.push('abc');
      if (types.includes('integer')) c.push('1.5');
      if (typeof s.minimum === 'number') c.push(String(s.minimum - 1));
      if (typeof s.maximum === 'number' && s.maximum < Number.MAX_SAFE_INTEGER) c.push(String(s.maximum + 1));
    }
    if (typeof s.minLength === 'number' && s.minLength > 1) c.push('7'.repeat(s.minLength - 1));
    // An empty path segment is another route, not a bad value.
    return [...new Set(c)].filter((v) => !(inPath && v === '') && !this.#acceptsText(schema, v)).slice(0, 3);
  }

  /** A JSON value the schema accepts (a best effort for combinators; the answer is checked either way). */
  generate(schema: unknown, depth = 0): unknown {
    const s = this.deref(schema) as JsonSchema;
    if (!s || depth > 8) return null;
    if ('const' in s) return s.const;
    if (Array.isArray(s.enum)) return s.enum[0];
    if (s.default !== undefined) return s.default;
    for (const key of ['anyOf', 'oneOf'] as const) {
      const branches = s[key] as JsonSchema[] | undefined;
      if (branches) {
        const branch = branches.find((b) => (this.deref(b) as JsonSchema).type !== 'null') ?? branches[0];
        return this.generate(branch, depth + 1);
      }
    }
    if (Array.isArray(s.allOf)) {
      return Object.assign({}, ...s.allOf.map((b) => this.generate(b, depth + 1) as object));
    }
    const type = [s.type].flat().find((t) => t !== 'null') ?? s.type;
    switch (type) {
      case 'object': {
        const props = (s.properties ?? {}) as Record<string, JsonSchema>;
        const out: Record<string, unknown> = {};
        for (const k of (s.required as string[] | undefined) ?? [])
          out[k] = this.generate(props[k], depth + 1);
        return out;
      }
      case 'array': {
        const n = typeof s.minItems === 'number' ? s.minItems : 1;
        return Array.from({ length: n }, () => this.generate(s.items, depth + 1));
      }
      case 'integer':
      case 'number':
        return typeof s.minimum === 'number'
          ? s.minimum
          : typeof s.exclusiveMinimum === 'number'
            ? s.exclusiveMinimum + 1
            : 1;
      case 'boolean':
        return true;
      case 'string':
        return this.validValue('', { name: '', in: 'body', schema: s }) ?? 'x';
      default:
        return null;
    }
  }

  /** The request bodies to send: a valid one (generated, or a real file), and ones that must be refused. */
  bodies(requestBody: { content: Record<string, { schema: JsonSchema }> } | undefined): {
    valid: Body | null;
    invalid: Record<string, Body>;
  } {
    if (!requestBody) return { valid: null, invalid: {} };
    const types = Object.keys(requestBody.content);
    const invalid: Record<string, Body> = { 'as text/plain': { type: 'text/plain', payload: 'hello' } };
    const json = requestBody.content['application/json'];
    if (json) {
      invalid['empty object'] = { type: 'application/json', payload: '{}' };
      invalid['malformed JSON'] = { type: 'application/json', payload: '{"a":' };
      invalid['an array'] = { type: 'application/json', payload: '[1]' };
      return {
        valid: { type: 'application/json', payload: JSON.stringify(this.generate(json.schema)) },
        invalid,
      };
    }
    const type = types[0]!;
    const payload =
      type === 'application/pdf'
        ? pdfFile()
        : type.startsWith('image/') || type === 'application/octet-stream'
          ? jpegFile()
          : type === 'text/csv'
            ? 'no_kk,nik\n'
            : 'x';
    invalid['an empty file'] = { type, payload: '' };
    return { valid: { type: types.includes('image/jpeg') ? 'image/jpeg' : type, payload }, invalid };
  }

  /** Why an answer is not one the operation documents (status, content type, problem body), or null. */
  checkAnswer(
    responses: Responses,
    status: number,
    contentType: string | string[] | undefined,
    body: string,
  ): string | null {
    // A 5xx only where the operation declares it as its own answer (the readiness probe's 503).
    if (status >= 500 && !responses[String(status)]) return `${status} ${body.slice(0, 300)}`;
    const documented = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!documented) return `undocumented status ${status} ${body.slice(0, 200)}`;
    if (body.length === 0) return null;
    const media = String(contentType ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    const content = documented.content ?? {};
    const declared = content[media];
    if (!declared)
      return `${status} as ${media || '(no type)'}, documented: ${Object.keys(content).join(', ') || 'no body'}`;
    // NDJSON (a stream of JSON lines, the offline working set) is not one JSON document.
    if (media.endsWith('json') && !media.endsWith('ndjson')) {
      let data: unknown;
      try {
        data = JSON.parse(body);
      } catch {
        return `${status} ${media} is not JSON`;
      }
      const validate = this.#validator(declared.schema);
      if (!validate(data)) {
        return `${status} ${media} does not match its schema: ${this.#ajv.errorsText(validate.errors)} ${body.slice(0, 200)}`;
      }
    }
    return null;
  }
}
