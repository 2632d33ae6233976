/**
 * The error catalogue (src/domain/catalogue.ts, ~70 KB) and the field labels of error summaries
 * (lib/fields.ts, with the instrument codebook) are needed only once an answer is an error, so they are not
 * part of the first screen: `loadErrorTexts()` fetches both (the HTTP client awaits it before it builds an
 * `ApiError`), and the lookups below answer from them once loaded, or the server's own text until then.
 */
import type { Lang } from '../../../src/domain/errors.ts';
import type { Translate } from '../i18n/index.tsx';

type Catalogue = typeof import('../../../src/domain/catalogue.ts');
type FieldLabels = typeof import('../lib/fields.ts');

let catalogue: Catalogue | null = null;
let fieldLabels: FieldLabels | null = null;
let loading: Promise<void> | null = null;

/** Loads the catalogue and field labels once; a failed download (offline) is retried on the next call. */
export function loadErrorTexts(): Promise<void> {
  loading ??= Promise.all([import('../../../src/domain/catalogue.ts'), import('../lib/fields.ts')]).then(
    ([c, f]) => {
      catalogue = c;
      fieldLabels = f;
    },
    () => {
      loading = null;
    },
  );
  return loading;
}

/** Whether the catalogue and field labels are here (a form's own validation errors come without a request). */
export function errorTextsLoaded(): boolean {
  return catalogue !== null && fieldLabels !== null;
}

/** The catalogue text of `code` in `lang` (see `catalogueText`), or `received` while it is not loaded. */
export function errorText(code: string, received: string, lang: Lang): string {
  return catalogue ? catalogue.catalogueText(code, received, lang) : received;
}

/** The catalogue's "server error" text, or `fallback` while it is not loaded. */
export function serverErrorText(lang: Lang, fallback: string): string {
  return catalogue ? catalogue.MESSAGES['server.error'][lang] : fallback;
}

/** `members.2.nik` → "Anggota 3 · NIK" once loaded; the path itself until then. */
export function issueFieldLabel(path: string, lang: Lang, t: Translate): string {
  return fieldLabels ? fieldLabels.issueFieldLabel(path, lang, t) : path;
}
