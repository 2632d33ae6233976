import { useEffect, useState } from 'react';
import { childRegions, regionLevel, regionName } from '../api/region-cache.ts';
import type { RegionView } from '../api/types.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { fieldId } from './fields.tsx';

const LEVEL_LABEL: Record<number, MessageKey> = {
  1: 'region.level1',
  2: 'region.level2',
  3: 'region.level3',
  4: 'region.level4',
};

function within(code: string, root: string): boolean {
  return root === '' || code === root || code.startsWith(`${root}.`);
}

/**
 * Cascading selects from the user's territory (`root`) down to `maxLevel`: one select per level, each
 * listing the children of the choice above. The value is the deepest chosen code (the root when nothing
 * is chosen), so the pickers can only ever name a region inside the territory.
 */
export function RegionPicker({
  root,
  value,
  onChange,
  path = 'regionCode',
  legend,
  maxLevel = 4,
  mode = 'filter',
  errors,
  hint,
  emptyLabel,
}: {
  root: string;
  value: string;
  onChange: (code: string) => void;
  path?: string;
  legend: string;
  maxLevel?: number;
  /** `filter`: the empty choice means "all"; `choose`: the user must pick down to `maxLevel`. */
  mode?: 'filter' | 'choose';
  errors?: string[];
  hint?: string;
  /** Label of the empty choice, when neither "all" nor "choose" fits. */
  emptyLabel?: string;
}) {
  const { t } = useI18n();
  const rootLevel = regionLevel(root);
  const current = value && within(value, root) ? value : root;
  const parts = current.split('.');
  const chain: string[] = [];
  for (let level = rootLevel + 1; level <= regionLevel(current); level++) {
    chain.push(parts.slice(0, level).join('.'));
  }
  const parents = [root, ...chain].slice(0, Math.max(0, maxLevel - rootLevel));
  const [children, setChildren] = useState<Record<string, RegionView[]>>({});
  const [rootName, setRootName] = useState('');
  const [failed, setFailed] = useState(false);

  // The parents as one dependency. JSON, not a comma join: the nation's code is '' and a join of [''] is
  // '' too, which read as "no parents" — a national account was never offered a province.
  const parentKey = JSON.stringify(parents);
  useEffect(() => {
    let live = true;
    for (const parent of JSON.parse(parentKey) as string[]) {
      childRegions(parent)
        .then((list) => {
          if (live) setChildren((prev) => (prev[parent] ? prev : { ...prev, [parent]: list }));
        })
        .catch(() => live && setFailed(true));
    }
    // The root itself: with nothing to choose, its name is all the picker shows.
    if (root !== '' && rootLevel >= maxLevel) {
      regionName(root)
        .then((n) => live && setRootName(n))
        .catch(() => live && setRootName(root));
    }
    return () => {
      live = false;
    };
  }, [parentKey, root, rootLevel, maxLevel]);

  const errorId = errors?.length ? `${fieldId(path)}-error` : undefined;
  const hintId = hint ? `${fieldId(path)}-hint` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;

  return (
    <fieldset className={`region-picker${errors?.length ? ' field--error' : ''}`}>
      <legend>{legend}</legend>
      {parents.length === 0 ? (
        <p className="region-picker__fixed" id={fieldId(path)} tabIndex={-1}>
          {rootName || root}
        </p>
      ) : (
        <div className="region-picker__levels">
          {parents.map((parent, i) => {
            const level = rootLevel + i + 1;
            const options = children[parent];
            const id = i === parents.length - 1 ? fieldId(path) : `${fieldId(path)}-${level}`;
            const selected = chain[i] ?? '';
            return (
              <div className="field" key={parent || 'nation'}>
                <label htmlFor={id}>{t(LEVEL_LABEL[level]!)}</label>
                <select
                  id={id}
                  value={selected}
                  disabled={!options}
                  aria-invalid={errors?.length && i === parents.length - 1 ? true : undefined}
                  aria-describedby={describedBy}
                  onChange={(e) => onChange(e.target.value || parent)}
                >
                  <option value="">
                    {!options
                      ? t('common.loading')
                      : (emptyLabel ?? (mode === 'filter' ? t('region.all') : t('form.choose')))}
                  </option>
                  {options?.map((r) => (
                    <option key={r.code} value={r.code}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </div>
      )}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {failed && <p className="field__error">{t('error.network')}</p>}
      {errors?.length ? (
        <p className="field__error" id={errorId}>
          {errors.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}
