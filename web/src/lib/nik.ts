/** Inline NIK feedback while typing, from the same rules the server applies (src/domain/identifiers). */
import type { Lang } from '../../../src/domain/errors.ts';
import { compareNikWithPerson, type ParsedNik, parseNik } from '../../../src/domain/identifiers/parse-nik.ts';

export interface NikFeedback {
  errors: string[];
  warnings: string[];
  parsed: ParsedNik | null;
}

export function nikFeedback(
  nik: string,
  person: { birthDate?: string | null; sex?: 'M' | 'F' | null },
  lang: Lang,
): NikFeedback {
  if (nik.trim() === '') return { errors: [], warnings: [], parsed: null };
  const result = parseNik(nik);
  if (!result.ok) {
    return {
      errors: result.errors.map((e) => e.message[lang]),
      warnings: result.warnings.map((w) => w.message[lang]),
      parsed: null,
    };
  }
  const mismatch = compareNikWithPerson(result.value, person);
  return {
    errors: [],
    warnings: [...result.warnings, ...mismatch].map((w) => w.message[lang]),
    parsed: result.value,
  };
}
