import type { Lang } from '../../../src/domain/errors.ts';
import { useI18n } from '../i18n/index.tsx';

const LANGS: { lang: Lang; short: string; name: string }[] = [
  { lang: 'id', short: 'ID', name: 'Bahasa Indonesia' },
  { lang: 'en', short: 'EN', name: 'English' },
];

/** Two toggle buttons; each names its language in that language, so anyone can find their own. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t('lang.label')}</legend>
      {LANGS.map((l) => (
        <button
          key={l.lang}
          type="button"
          lang={l.lang}
          aria-pressed={lang === l.lang}
          title={l.name}
          className={`lang-switch__button${lang === l.lang ? ' lang-switch__button--on' : ''}`}
          onClick={() => setLang(l.lang)}
        >
          <span aria-hidden="true">{l.short}</span>
          <span className="visually-hidden">{l.name}</span>
        </button>
      ))}
    </fieldset>
  );
}
