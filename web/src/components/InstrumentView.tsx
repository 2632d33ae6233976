import { codebook } from '../../../src/domain/instrument/codebook.ts';
import { useI18n } from '../i18n/index.tsx';
import { formatFieldValue } from '../lib/fields.ts';

/** The household instrument's answers with their codebook labels, grouped as on the paper form. */
export function InstrumentView({ values }: { values: Record<string, unknown> }) {
  const { t, lang, text } = useI18n();
  const item = (field: string, label: string) => (
    <div key={field}>
      <dt>{label}</dt>
      <dd className={values[field] === null || values[field] === undefined ? 'muted' : undefined}>
        {formatFieldValue(field, values[field], lang, t)}
      </dd>
    </div>
  );
  return (
    <>
      <section className="card" aria-labelledby="sec-housing">
        <h2 id="sec-housing">{t('instrument.housing')}</h2>
        <dl className="dl-grid">
          {codebook.numericFields
            .filter((f) => f.field !== 'landAreaM2')
            .map((f) => item(f.field, text(f.labels)))}
          {codebook.housingFields.map((f) => item(f.field, text(f.labels)))}
        </dl>
      </section>
      <section className="card" aria-labelledby="sec-assets">
        <h2 id="sec-assets">{t('instrument.assets')}</h2>
        <dl className="dl-grid dl-grid--compact">
          {codebook.assetFlags.map((f) => item(f.field, text(f.labels)))}
        </dl>
      </section>
      <section className="card" aria-labelledby="sec-means">
        <h2 id="sec-means">{t('instrument.means')}</h2>
        <dl className="dl-grid dl-grid--compact">
          {codebook.consumptionFields.map((f) => item(f.field, text(f.labels)))}
          {codebook.meansFlags.map((f) => item(f.field, text(f.labels)))}
          {item('kksNumber', t('field.kksNumber'))}
        </dl>
      </section>
      <section className="card" aria-labelledby="sec-land">
        <h2 id="sec-land">{t('instrument.landLivestock')}</h2>
        <dl className="dl-grid dl-grid--compact">
          {codebook.numericFields
            .filter((f) => f.field === 'landAreaM2')
            .map((f) => item(f.field, text(f.labels)))}
          {codebook.livestockFields.map((f) => item(f.field, text(f.labels)))}
        </dl>
      </section>
    </>
  );
}
