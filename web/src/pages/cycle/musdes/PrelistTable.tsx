/**
 * The prelist with fast outcome entry: every row offers only its allowed outcomes; from the keyboard a
 * focused row takes T/P/K/B, ↑/↓ move between rows, N opens the note, Enter saves. A decision that must be
 * explained (a correction, a removal, a refused proposal) waits for its note before it is sent.
 */
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import {
  noteRequired,
  OUTCOME_LABELS,
  OUTCOMES,
  type Outcome,
  ROW_KIND_LABELS,
} from '../../../../../src/domain/cycle/musdes.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { DataTable, num } from '../../../components/cycle/DataTable.tsx';
import { ListBody } from '../../../components/cycle/lists.tsx';
import { errorMessage, LoadError } from '../../../components/ErrorSummary.tsx';
import { SelectField } from '../../../components/fields.tsx';
import { SearchFilter } from '../../../components/ListFilters.tsx';
import { LoadMore } from '../../../components/LoadMore.tsx';
import { useCursorList } from '../../../hooks/use-cursor-list.ts';
import { useDebounced } from '../../../hooks/use-debounced.ts';
import { formatNumber } from '../../../lib/format.ts';
import { type MusdesView, musdesApi, type PrelistRow } from './musdes.api.ts';
import { useMusdesI18n } from './musdes.i18n.ts';

const PAGE_SIZE = 100;
const KEYS: Record<string, Outcome> = { t: 'tetap', p: 'perbaikan', k: 'dikeluarkan', b: 'usulan_baru' };
const KEY_OF: Record<Outcome, string> = { tetap: 'T', perbaikan: 'P', dikeluarkan: 'K', usulan_baru: 'B' };

export function PrelistTable({
  session,
  onDecided,
  onBulk,
}: {
  session: MusdesView;
  /** A row changed from `before` to `after` (to update the tally without a reload). */
  onDecided: (before: PrelistRow, after: PrelistRow) => void;
  onBulk: (session: MusdesView) => void;
}) {
  const { m, t, text, lang } = useMusdesI18n();
  const [outcome, setOutcome] = useState('');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [bulkTick, setBulkTick] = useState(0);
  const [bulkMessage, setBulkMessage] = useState('');
  const [bulkError, setBulkError] = useState<unknown>(null);
  const [bulkAsk, setBulkAsk] = useState(false);
  const [bulkBusy, setBulkBusy] = useState(false);
  const [overrides, setOverrides] = useState<Map<string, PrelistRow>>(new Map());
  const list = useCursorList<PrelistRow>(
    'musdes',
    (cursor, signal) =>
      musdesApi.rows(
        session.id,
        {
          outcome: (outcome || undefined) as Outcome | 'undecided' | undefined,
          q: q || undefined,
          cursor,
          limit: PAGE_SIZE,
        },
        signal,
      ),
    [session.id, outcome, q, bulkTick],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh page replaces the local edits
  useEffect(() => setOverrides(new Map()), [list.items]);
  const rows = list.items.map((r) => overrides.get(r.id) ?? r);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a step of the session ends the bulk notice
  useEffect(() => {
    setBulkMessage('');
    setBulkError(null);
  }, [session.state]);
  const body = useRef<HTMLTableSectionElement>(null);

  const focusRow = (index: number) => {
    const tr = body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-row]')[index];
    tr?.focus();
  };
  const decided = (before: PrelistRow, after: PrelistRow) => {
    setOverrides((map) => new Map(map).set(after.id, after));
    onDecided(before, after);
  };

  const bulk = async () => {
    setBulkError(null);
    setBulkBusy(true);
    try {
      const r = await musdesApi.bulkTetap(session.id);
      setBulkMessage(m('prelist.bulkDone', { n: formatNumber(r.updated, lang) }));
      onBulk(r.session);
      setBulkTick((n) => n + 1);
    } catch (err) {
      setBulkError(err);
    } finally {
      setBulkBusy(false);
      setBulkAsk(false);
    }
  };

  const undecidedExisting = session.canDecide && session.tally.undecided > 0;
  return (
    <section aria-labelledby="musdes-prelist" className="stack">
      <h2 id="musdes-prelist">{m('prelist.title')}</h2>
      {session.canDecide && <p className="small muted">{m('prelist.keys')}</p>}
      <search className="filters" aria-label={m('prelist.title')}>
        <div className="filters__row">
          <SelectField
            path="outcome"
            label={m('prelist.filterOutcome')}
            value={outcome}
            onChange={setOutcome}
            empty={t('common.all')}
            options={[
              { value: 'undecided', label: m('prelist.undecided') },
              ...OUTCOMES.map((o) => ({ value: o, label: text(OUTCOME_LABELS[o]) })),
            ]}
          />
          <SearchFilter label={m('prelist.search')} value={search} onChange={setSearch} />
        </div>
        {undecidedExisting && (
          <div className="actions">
            <button type="button" className="button" onClick={() => setBulkAsk(true)}>
              {m('prelist.bulk')}
            </button>
            <ConfirmDialog
              open={bulkAsk}
              title={m('prelist.bulkTitle')}
              confirmLabel={m('prelist.bulkYes')}
              busy={bulkBusy}
              onCancel={() => setBulkAsk(false)}
              onConfirm={() => void bulk()}
            >
              <p>{m('prelist.bulkConfirm')}</p>
            </ConfirmDialog>
          </div>
        )}
      </search>
      {bulkMessage && (
        <p className="alert alert--success" role="status">
          {bulkMessage}
        </p>
      )}
      {bulkError ? <LoadError error={bulkError} /> : null}
      {list.error ? <LoadError error={list.error} /> : null}
      <ListBody loading={!list.loaded} isEmpty={rows.length === 0} empty={m('prelist.empty')}>
        <DataTable
          className="table musdes-rows"
          bodyRef={body}
          columns={[
            num(m('prelist.no')),
            m('prelist.head'),
            m('prelist.kk'),
            num(m('prelist.members')),
            m('prelist.source'),
            m('prelist.outcome'),
            m('prelist.note'),
          ]}
        >
          {rows.map((r, index) => (
            <RowEntry
              key={r.id}
              row={r}
              sessionId={session.id}
              editable={session.canDecide}
              kindLabel={text(ROW_KIND_LABELS[r.kind])}
              onDecided={decided}
              onMove={(delta) => focusRow(index + delta)}
            />
          ))}
        </DataTable>
        <LoadMore
          count={rows.length}
          hasMore={list.hasMore}
          loading={list.loading}
          onLoadMore={list.loadMore}
        />
      </ListBody>
    </section>
  );
}

function RowEntry({
  row,
  sessionId,
  editable,
  kindLabel,
  onDecided,
  onMove,
}: {
  row: PrelistRow;
  sessionId: string;
  editable: boolean;
  kindLabel: string;
  onDecided: (before: PrelistRow, after: PrelistRow) => void;
  onMove: (delta: number) => void;
}) {
  const { m, t, text } = useMusdesI18n();
  const [pending, setPending] = useState<Outcome | null>(null);
  const [note, setNote] = useState(row.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tr = useRef<HTMLTableRowElement>(null);
  const noteInput = useRef<HTMLInputElement>(null);
  const chosen = pending ?? row.outcome;
  const needsNote = chosen !== null && noteRequired(row.kind, chosen) && note.trim().length < 3;

  const send = async (outcome: Outcome, moveOn: boolean) => {
    if (noteRequired(row.kind, outcome) && note.trim().length < 3) {
      setPending(outcome);
      setError(null);
      noteInput.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const after = await musdesApi.decide(sessionId, row.id, outcome, note.trim() || undefined);
      setPending(null);
      setError(null);
      onDecided(row, after);
      if (moveOn) onMove(1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.target !== tr.current || e.ctrlKey || e.metaKey || e.altKey) return;
    const key = e.key.toLowerCase();
    if (e.key === 'ArrowDown') onMove(1);
    else if (e.key === 'ArrowUp') onMove(-1);
    else if (editable && key === 'n') noteInput.current?.focus();
    else if (editable && KEYS[key] && row.allowedOutcomes.includes(KEYS[key])) void send(KEYS[key], true);
    else return;
    e.preventDefault();
  };

  return (
    <tr
      ref={tr}
      data-row
      tabIndex={0}
      onKeyDown={onRowKey}
      className={row.outcome ? 'musdes-row--decided' : undefined}
      aria-label={`${row.rowNo}. ${row.headName}`}
    >
      <td className="num">{row.rowNo}</td>
      <th scope="row">{row.headName}</th>
      <td className="mono">{row.kkNumber}</td>
      <td className="num">{row.memberCount}</td>
      <td>
        {kindLabel}
        {row.usulanState === 'withdrawn' && (
          <span className="muted small"> ({m('prelist.proposalWithdrawn')})</span>
        )}
      </td>
      <td>
        {editable ? (
          <fieldset className="musdes-outcomes" aria-label={m('prelist.outcomeGroup', { n: row.rowNo })}>
            {row.allowedOutcomes.map((o) => (
              <button
                key={o}
                type="button"
                tabIndex={-1}
                aria-pressed={chosen === o}
                disabled={busy}
                onClick={() => void send(o, false)}
                title={`${text(OUTCOME_LABELS[o])} (${KEY_OF[o]})`}
              >
                {text(OUTCOME_LABELS[o])}
              </button>
            ))}
          </fieldset>
        ) : row.outcome ? (
          <strong>{text(OUTCOME_LABELS[row.outcome])}</strong>
        ) : (
          <span className="muted">{m('prelist.undecided')}</span>
        )}
        {error ? <p className="musdes-row-error">{errorMessage(error, t)}</p> : null}
      </td>
      <td>
        {editable ? (
          <div className={`musdes-note${needsNote ? ' musdes-note--needed' : ''}`}>
            <input
              ref={noteInput}
              value={note}
              maxLength={500}
              aria-label={m('prelist.noteFor', { n: row.rowNo })}
              placeholder={needsNote ? m('prelist.noteNeeded') : ''}
              onChange={(e) => setNote(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && chosen) {
                  e.preventDefault();
                  void send(chosen, true);
                } else if (e.key === 'Escape') {
                  e.preventDefault();
                  tr.current?.focus();
                }
              }}
            />
            {chosen && (pending || note.trim() !== (row.note ?? '')) && (
              <button
                type="button"
                className="button button--small"
                disabled={busy}
                onClick={() => void send(chosen, false)}
              >
                {m('prelist.saveNote')}
              </button>
            )}
          </div>
        ) : (
          (row.note ?? '')
        )}
      </td>
    </tr>
  );
}
