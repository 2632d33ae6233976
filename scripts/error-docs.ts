/**
 * Writes docs/errors.md, the list of every problem code with its Indonesian and English text, from the
 * catalogue (src/domain/catalogue.ts). `node scripts/error-docs.ts` rewrites the file;
 * test/catalogue/error-docs.test.ts fails while the committed file differs from what this renders.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LABELS, MESSAGES, paramNames } from '../src/domain/catalogue.ts';

export const ERROR_DOCS_PATH = fileURLToPath(new URL('../docs/errors.md', import.meta.url));

const cell = (s: string) => s.replaceAll('|', '\\|');

function table(entries: [string, { id: string; en: string }][], head: string): string[] {
  const rows = entries
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, t]) => {
      const params = paramNames(t.en)
        .map((p) => `\`${p}\``)
        .join(', ');
      return `| \`${key}\` | ${params} | ${cell(t.id)} | ${cell(t.en)} |`;
    });
  return [`| ${head} | Parameters | Indonesian | English |`, '|---|---|---|---|', ...rows];
}

export function renderErrorDocs(): string {
  const all = Object.entries(MESSAGES) as [string, { id: string; en: string }][];
  const notices = all.filter(([code]) => code.startsWith('notice.'));
  const problems = all.filter(([code]) => !code.startsWith('notice.'));
  const groups = new Map<string, [string, { id: string; en: string }][]>();
  for (const entry of problems) {
    const prefix = entry[0].split('.')[0]!;
    groups.set(prefix, [...(groups.get(prefix) ?? []), entry]);
  }
  const lines = [
    '# Problem codes',
    '',
    '<!-- Generated from src/domain/catalogue.ts by scripts/error-docs.ts; do not edit by hand. -->',
    '',
    'Every error and warning DTKS reports has a stable `code` with one Indonesian and one English text.',
    'The API answers with RFC 9457 problem+json: `code`, `detail` (the text in the language asked for with',
    '`Accept-Language` or `?lang=`) and, per field, `errors[]` with `field`, `code`, `message` and `severity`.',
    'A validation answer is coded as its first field issue and its `detail` lists every issue',
    '(`request.invalid`). The CLI prints `error <code>: <text>` in the language of `--lang` (default',
    'Indonesian) and the web app shows the same texts. Parameters are shown in braces.',
    '',
    `${problems.length} codes, ${notices.length} notification texts, ${Object.keys(LABELS).length} labels.`,
    '',
  ];
  for (const [prefix, entries] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`## ${prefix}`, '', ...table(entries, 'Code'), '');
  }
  lines.push('## Notifications', '', 'Texts of the notifications a territory receives.', '');
  lines.push(...table(notices, 'Kind'), '');
  lines.push(
    '## Labels',
    '',
    'Names of records and phrases that the texts above use as parameters.',
    '',
    ...table(Object.entries(LABELS) as [string, { id: string; en: string }][], 'Label'),
    '',
  );
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(ERROR_DOCS_PATH, renderErrorDocs());
  console.log(`wrote ${ERROR_DOCS_PATH}`);
}
