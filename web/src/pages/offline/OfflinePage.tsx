/**
 * The offline field app (issue 16, docs/offline.md): a village operator, kecamatan operator, Kepala Desa or
 * field officer downloads the territory's working set, then works without a connection — searches
 * households, drafts proposals with photos, records verivali visits (result, GPS, instrument, photos) and
 * Musdes outcomes. Every change is queued encrypted with the version it was made on and sent on
 * reconnection; a conflict shows both versions side by side to choose from. Phone first: the visit form has
 * sections to jump between, a save button that stays in view, and large targets.
 */
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { OUTCOME_LABELS, OUTCOMES } from '../../../../src/domain/cycle/musdes.ts';
import { HEAD_OF_HOUSEHOLD } from '../../../../src/domain/instrument/codebook.ts';
import { REMOVAL_REASONS } from '../../../../src/domain/registry/removal-reasons.ts';
import {
  needsInstrument,
  VISIT_RESULTS,
  type VisitResult,
} from '../../../../src/domain/verivali/visit-results.ts';
import { newId } from '../../../../src/lib/ids.ts';
import { ApiError } from '../../api/client.ts';
import type { HouseholdDetail } from '../../api/types.ts';
import { InstrumentFields } from '../../components/InstrumentFields.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useI18n, useText } from '../../i18n/index.tsx';
import { householdBody, householdValues } from '../../lib/household-form.ts';
import { forgetKey, offlineKey, unlock } from '../../offline/keyring.ts';
import { type OfflinePhoto, readPhoto } from '../../offline/photos.ts';
import { OfflineLocked, OfflineStore, type QueueItem, type QueueStatus } from '../../offline/store.ts';
import { downloadWorkingSet, keepMine, pushChanges, takeTheirs } from '../../offline/sync.ts';
import { may, useUser } from '../../session.tsx';
import { BaruForm } from '../cycle/usulan/BaruForm.tsx';
import type { UsulanCreateBody } from '../cycle/usulan/usulan.api.ts';
import { OFFLINE_TEXT } from './messages.ts';
import './offline.css';

type Rec = Record<string, unknown> & { id: string };
type Tab = 'home' | 'households' | 'visits' | 'musdes' | 'queue';

function useOfflineText() {
  return useText(OFFLINE_TEXT);
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** What a tab of the field app works with: the open store, who records, and when to read it again. */
interface TabProps {
  store: OfflineStore;
  userId: string;
  /** Moves whenever the store changed (a change saved, sent or resolved). */
  version: number;
  refresh: () => void;
}

/** What `read` finds in the store, read again whenever `version` moves (a change saved, sent or resolved). */
function useStored<T>(
  store: OfflineStore,
  version: number,
  initial: T,
  read: (s: OfflineStore) => Promise<T>,
): T {
  const [value, setValue] = useState<T>(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the signal to read the store again; `read` is the caller's
  useEffect(() => {
    let live = true;
    void read(store).then((v) => {
      if (live) setValue(v);
    });
    return () => {
      live = false;
    };
  }, [store, version]);
  return value;
}

export function OfflinePage() {
  const t = useOfflineText();
  const user = useUser();
  const online = useOnline();
  const [store, setStore] = useState<OfflineStore | null>(null);
  const [tab, setTab] = useState<Tab>('home');
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const key = offlineKey();

  useEffect(() => {
    if (!key || key.username !== user.username) return;
    void OfflineStore.open(user.username, key.key)
      .then(setStore)
      .catch(() => forgetKey());
  }, [key, user.username]);

  // Back online: send what waits.
  useEffect(() => {
    if (!online || !store) return;
    void pushChanges(store)
      .then(refresh)
      .catch(() => {});
  }, [online, store, refresh]);

  if (!globalThis.crypto?.subtle) return <p>{t('unsupported')}</p>;
  if (!key || key.username !== user.username || !store)
    return (
      <>
        <PageHeader title={t('title')} />
        <Unlock username={user.username} onOpen={setStore} />
      </>
    );

  const tabs: Tab[] = ['home', 'households', 'visits', 'musdes', 'queue'];
  return (
    <div className="offline">
      <PageHeader title={t('title')} />
      <p
        className={`offline__status ${online ? 'is-online' : 'is-offline'}`}
        role="status"
        data-testid="online-status"
      >
        {online ? t('online') : t('offline')}
      </p>
      <nav className="offline__tabs" aria-label={t('title')}>
        {tabs.map((x) => (
          <button
            key={x}
            type="button"
            className={x === tab ? 'is-current' : ''}
            aria-current={x === tab ? 'page' : undefined}
            onClick={() => setTab(x)}
          >
            {t(`tab.${x}`)}
          </button>
        ))}
      </nav>
      {!store ? null : tab === 'home' ? (
        <Home store={store} online={online} version={version} refresh={refresh} />
      ) : tab === 'households' ? (
        <Households store={store} userId={user.id} refresh={refresh} />
      ) : tab === 'visits' ? (
        <Visits store={store} userId={user.id} version={version} refresh={refresh} />
      ) : tab === 'musdes' ? (
        <Musdes store={store} userId={user.id} version={version} refresh={refresh} />
      ) : (
        <Queue store={store} version={version} refresh={refresh} online={online} />
      )}
    </div>
  );
}

/**
 * After a reload the key is gone (it lives only in memory): the password unlocks the data again, checked
 * against a value sealed with the key when the store was first opened — offline too.
 */
function Unlock({ username, onOpen }: { username: string; onOpen: (s: OfflineStore) => void }) {
  const t = useOfflineText();
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState<false | 'password' | 'other'>(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailed(false);
    try {
      await unlock(username, password);
      const k = offlineKey();
      if (!k) throw new Error('no key');
      onOpen(await OfflineStore.open(username, k.key));
    } catch (err) {
      forgetKey();
      setFailed(err instanceof OfflineLocked ? 'other' : 'password');
    } finally {
      setBusy(false);
      setPassword('');
    }
  };
  return (
    <form className="card stack" onSubmit={submit}>
      <p>{t('locked')}</p>
      <label className="offline__field">
        <span>{t('password')}</span>
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {failed === 'password' && (
        <p role="alert">
          {t('wrongPassword')} {t('wrongPasswordHint')}
        </p>
      )}
      {failed === 'other' && <p role="alert">{t('otherUserUnsent')}</p>}
      <button type="submit" className="button button--primary offline__big" disabled={busy || !password}>
        {t('unlock')}
      </button>
    </form>
  );
}

function Home({
  store,
  online,
  version,
  refresh,
}: {
  store: OfflineStore;
  online: boolean;
  version: number;
  refresh: () => void;
}) {
  const t = useOfflineText();
  const user = useUser();
  const [region, setRegion] = useState(user.regionCode);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [info, setInfo] = useState<{ region: string; at: string; counts: Record<string, number> } | null>(
    null,
  );
  const [pending, setPending] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the signal to read the store again
  useEffect(() => {
    void store.meta<typeof info>('downloaded').then((d) => setInfo(d ?? null));
    void store.queue().then((q) => setPending(q.filter((x) => x.status === 'pending').length));
  }, [store, version]);

  const download = async () => {
    setBusy(t('downloading', { n: 0 }));
    setMessage(null);
    try {
      await downloadWorkingSet(store, region, (n) => setBusy(t('downloading', { n })));
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
      refresh();
    }
  };
  const sync = async () => {
    setBusy(t('syncing'));
    try {
      const s = await pushChanges(store);
      setMessage(t('synced', { ...s }));
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(null);
      refresh();
    }
  };
  const c = info?.counts ?? {};
  return (
    <section className="card stack">
      <p>{t('intro')}</p>
      <label className="offline__field">
        <span>{t('region')}</span>
        <input value={region} onChange={(e) => setRegion(e.target.value)} inputMode="numeric" />
      </label>
      <button
        type="button"
        className="button button--primary offline__big"
        disabled={!online || busy !== null}
        onClick={download}
      >
        {t('download')}
      </button>
      {info ? (
        <p data-testid="downloaded">
          {t('downloaded', { at: new Date(info.at).toLocaleString(), region: info.region })}
          <br />
          {t('counts', {
            household: c.household ?? 0,
            usulan: c.usulan ?? 0,
            visit: c.visit ?? 0,
            musdes_row: c.musdes_row ?? 0,
          })}
        </p>
      ) : (
        <p>{t('notDownloaded')}</p>
      )}
      <p data-testid="pending">{t('pending', { n: pending })}</p>
      <button
        type="button"
        className="button button--primary offline__big"
        disabled={!online || busy !== null}
        onClick={sync}
      >
        {t('sync')}
      </button>
      {busy && <p role="status">{busy}</p>}
      {message && (
        <p role="status" data-testid="sync-message">
          {message}
        </p>
      )}
    </section>
  );
}

function matches(h: Rec, q: string): boolean {
  const s = q.trim().toLowerCase();
  if (!s) return true;
  if (
    String(h.headName ?? '')
      .toLowerCase()
      .includes(s) ||
    String(h.kkNumber ?? '').startsWith(s)
  )
    return true;
  return ((h.members as { nik: string; name: string }[] | undefined) ?? []).some(
    (m) => m.nik === s || m.name.toLowerCase().includes(s),
  );
}

function Households({
  store,
  userId,
  refresh,
}: {
  store: OfflineStore;
  userId: string;
  refresh: () => void;
}) {
  const t = useOfflineText();
  const user = useUser();
  const all = useStored(store, 0, [] as Rec[], (s) => s.all<Rec>('household'));
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<Rec | null>(null);
  const [creating, setCreating] = useState(false);
  const found = useMemo(() => all.filter((h) => matches(h, q)).slice(0, 50), [all, q]);
  if (creating)
    return <NewHousehold store={store} userId={userId} back={() => setCreating(false)} refresh={refresh} />;
  if (open)
    return (
      <HouseholdView store={store} h={open} userId={userId} back={() => setOpen(null)} refresh={refresh} />
    );
  return (
    <section className="stack">
      {may(user, 'usulan.draft') && (
        <button
          type="button"
          className="button button--primary offline__big"
          onClick={() => setCreating(true)}
        >
          {t('newHousehold')}
        </button>
      )}
      <label className="offline__field">
        <span>{t('search')}</span>
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      {found.length === 0 && <p>{t('noMatch')}</p>}
      <ul className="offline__list">
        {found.map((h) => (
          <li key={h.id}>
            <button type="button" onClick={() => setOpen(h)}>
              <strong>{String(h.headName)}</strong>
              <span>
                KK <code>{String(h.kkNumber)}</code> · RT {String(h.rt)}/RW {String(h.rw)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A proposal for a household not yet in DTKS, drafted offline with the staff app's own form (BaruForm:
 * address in the operator's village, the house instrument, the members): queued as a `usulan.draft` change
 * with an id made here (`baseVersion` 0 creates it with that id on sync). Warnings are confirmed on sending,
 * as the server cannot be asked while offline; refusals come back with their fields in the queue.
 */
function NewHousehold({
  store,
  userId,
  back,
  refresh,
  fix,
}: {
  store: OfflineStore;
  userId: string;
  back: () => void;
  refresh: () => void;
  /** A queued new-household proposal the server refused: reopened with its problems at the inputs. */
  fix?: QueueItem;
}) {
  const t = useOfflineText();
  const [saved, setSaved] = useState(0);
  const refused = fix?.change.payload.proposal as (UsulanCreateBody & { kind: 'baru' }) | undefined;
  // A refused proposal being fixed keeps the photos it was queued with.
  const [photos, setPhotos] = useState<OfflinePhoto[]>(() =>
    ((fix?.change.payload.photos ?? []) as { ref: string; name: string; kind?: string }[]).flatMap((p) =>
      fix?.files[p.ref] ? [{ ...p, base64: fix.files[p.ref]! }] : [],
    ),
  );
  const initialError = useMemo(
    () =>
      fix?.result &&
      new ApiError(422, {
        code: fix.result.reason?.code,
        detail: fix.result.reason?.message,
        errors: (fix.result.errors ?? []).map((e) => ({
          ...e,
          field: e.field.replace(/^payload\.proposal\./, ''),
        })),
      }),
    [fix],
  );
  const send = async (body: UsulanCreateBody): Promise<string> => {
    // A refused proposal wrote nothing: the corrected one keeps its id and replaces it in the queue.
    const targetId = fix?.change.targetId ?? newId();
    const members = (body.kind === 'baru' ? body.household.members : []) as {
      name: string;
      relationship: number;
    }[];
    const headName = (members.find((m) => m.relationship === HEAD_OF_HOUSEHOLD) ?? members[0])?.name ?? '';
    const change = await store.enqueue(
      {
        kind: 'usulan.draft',
        targetId,
        baseVersion: 0,
        payload: {
          proposal: { ...body, confirmWarnings: true },
          photos: photos.map((p) => ({ ref: p.ref, name: p.name, kind: p.kind ?? 'house_front' })),
        },
      },
      Object.fromEntries(photos.map((p) => [p.ref, p.base64])),
      t('newHouseholdOf', { name: headName }),
      userId,
    );
    if (fix) await store.remove(fix.change.id);
    await store.put('usulan', targetId, {
      id: targetId,
      kind: 'baru',
      state: 'draft',
      headName,
      version: 0,
      pendingChange: change.id,
    });
    return targetId;
  };
  return (
    <section className="stack">
      <button type="button" className="button" onClick={back}>
        {t('back')}
      </button>
      <h2>{t('newHouseholdTitle')}</h2>
      {saved > 0 && <p role="status">{t('draftSaved')}</p>}
      <BaruForm
        key={saved}
        send={send}
        initial={
          refused && saved === 0 ? { household: refused.household, reason: refused.reason } : undefined
        }
        initialError={saved === 0 ? initialError : undefined}
        onCreated={() => {
          if (fix) return back();
          setSaved((n) => n + 1);
          setPhotos([]);
          refresh();
        }}
      />
      <fieldset className="card">
        <legend>{t('newHouseholdPhotos')}</legend>
        <PhotoInput photos={photos} setPhotos={setPhotos} kinds={NEW_HOUSEHOLD_PHOTO_KINDS} />
      </fieldset>
    </section>
  );
}

/** Photos of a proposal's new household, by what they show. */
const NEW_HOUSEHOLD_PHOTO_KINDS = ['house_front', 'house_back', 'house_inside', 'kk_copy'] as const;

/** Photos from the camera, compressed before they are kept (web/src/offline/photos.ts); `kinds`: asks what each shows. */
function PhotoInput({
  photos,
  setPhotos,
  kinds,
}: {
  photos: OfflinePhoto[];
  setPhotos: (p: OfflinePhoto[]) => void;
  kinds?: readonly string[];
}) {
  const t = useOfflineText();
  const [kind, setKind] = useState(kinds?.[0]);
  const [busy, setBusy] = useState(false);
  return (
    <div className="stack">
      {kinds && (
        <label className="offline__field">
          <span>{t('photoKind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="photo-kind">
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`photoKind.${k}` as Parameters<typeof t>[0])}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="offline__field">
        <span>
          {t('photo')} — {busy ? t('photoPreparing') : t('photos', { n: photos.length })}
        </span>
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          data-testid="photo-input"
          onChange={async (e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            setBusy(true);
            try {
              const read = await Promise.all(files.map((f) => readPhoto(f, kind)));
              setPhotos([...photos, ...read]);
            } finally {
              setBusy(false);
            }
          }}
        />
      </label>
    </div>
  );
}

function HouseholdView({
  store,
  h,
  userId,
  back,
  refresh,
}: {
  store: OfflineStore;
  h: Rec;
  userId: string;
  back: () => void;
  refresh: () => void;
}) {
  const t = useOfflineText();
  const { text } = useI18n();
  const [kind, setKind] = useState<'perbaikan' | 'dikeluarkan' | null>(null);
  const [address, setAddress] = useState(String(h.address ?? ''));
  const [rt, setRt] = useState(String(h.rt ?? ''));
  const [rw, setRw] = useState(String(h.rw ?? ''));
  const [reason, setReason] = useState('');
  const [reasonCode, setReasonCode] = useState<string>(REMOVAL_REASONS[0].code);
  const [photos, setPhotos] = useState<OfflinePhoto[]>([]);
  const [saved, setSaved] = useState(false);
  const members = (h.members as { id: string; name: string; nik: string }[] | undefined) ?? [];

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const targetId = newId();
    const proposal =
      kind === 'perbaikan'
        ? {
            kind,
            householdId: h.id,
            changes: {
              ...(address !== h.address ? { address } : {}),
              ...(rt !== h.rt ? { rt } : {}),
              ...(rw !== h.rw ? { rw } : {}),
            },
            memberChanges: [],
            reason,
          }
        : { kind: 'dikeluarkan', householdId: h.id, reasonCode, note: reason || undefined };
    const files = Object.fromEntries(photos.map((p) => [p.ref, p.base64]));
    const change = await store.enqueue(
      {
        kind: 'usulan.draft',
        targetId,
        baseVersion: 0,
        payload: {
          proposal,
          photos: photos.map((p) => ({
            ref: p.ref,
            name: p.name,
            kind: kind === 'perbaikan' ? 'house_front' : 'other_document',
          })),
        },
      },
      files,
      `${kind} — ${String(h.headName)}`,
      userId,
    );
    await store.put('usulan', targetId, {
      id: targetId,
      kind,
      state: 'draft',
      householdId: h.id,
      headName: h.headName,
      version: 0,
      pendingChange: change.id,
    });
    setSaved(true);
    refresh();
  };

  return (
    <section className="stack">
      <button type="button" className="button" onClick={back}>
        {t('back')}
      </button>
      <div className="card">
        <h2>{String(h.headName)}</h2>
        <p>
          KK <code>{String(h.kkNumber)}</code> · {String(h.address)} RT {String(h.rt)}/RW {String(h.rw)}
        </p>
        <h3>{t('members')}</h3>
        <ul>
          {members.map((m) => (
            <li key={m.id}>
              {m.name} — <code>{m.nik}</code>
            </li>
          ))}
        </ul>
      </div>
      {saved && <p role="status">{t('draftSaved')}</p>}
      {!kind ? (
        <div className="offline__actions">
          <button
            type="button"
            className="button button--primary offline__big"
            onClick={() => setKind('perbaikan')}
          >
            {t('proposeFix')}
          </button>
          <button
            type="button"
            className="button button--primary offline__big"
            onClick={() => setKind('dikeluarkan')}
          >
            {t('proposeRemoval')}
          </button>
        </div>
      ) : (
        <form className="card stack" onSubmit={save}>
          {kind === 'perbaikan' ? (
            <>
              <label className="offline__field">
                <span>{t('address')}</span>
                <input value={address} onChange={(e) => setAddress(e.target.value)} />
              </label>
              <label className="offline__field">
                <span>{t('rt')}</span>
                <input value={rt} inputMode="numeric" onChange={(e) => setRt(e.target.value)} />
              </label>
              <label className="offline__field">
                <span>{t('rw')}</span>
                <input value={rw} inputMode="numeric" onChange={(e) => setRw(e.target.value)} />
              </label>
            </>
          ) : (
            <label className="offline__field">
              <span>{t('removalReason')}</span>
              <select value={reasonCode} onChange={(e) => setReasonCode(e.target.value)}>
                {REMOVAL_REASONS.map((r) => (
                  <option key={r.code} value={r.code}>
                    {text(r.label)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="offline__field">
            <span>{kind === 'perbaikan' ? t('reason') : t('note')}</span>
            <textarea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required={kind === 'perbaikan'}
              minLength={3}
            />
          </label>
          <PhotoInput photos={photos} setPhotos={setPhotos} />
          <div className="offline__savebar">
            <button type="submit" className="button button--primary offline__big">
              {t('saveDraft')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Visits({ store, userId, version, refresh }: TabProps) {
  const t = useOfflineText();
  const visits = useStored(store, version, [] as Rec[], (s) => s.all<Rec>('visit'));
  const [open, setOpen] = useState<Rec | null>(null);
  if (open)
    return (
      <VisitForm
        store={store}
        v={open}
        userId={userId}
        done={() => {
          setOpen(null);
          refresh();
        }}
      />
    );
  if (!visits.length) return <p>{t('noVisits')}</p>;
  return (
    <ul className="offline__list">
      {visits.map((v) => (
        <li key={v.id}>
          <button type="button" onClick={() => setOpen(v)}>
            <strong>{String(v.headName ?? '')}</strong>
            <span>
              KK <code>{String(v.kkNumber ?? '')}</code>
              {v.pendingChange ? ` · ${t('pendingMark')}` : ''}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

type Instrument = { household: Record<string, unknown>; members: Record<string, unknown>[] };

function VisitForm({
  store,
  v,
  userId,
  done,
}: {
  store: OfflineStore;
  v: Rec;
  userId: string;
  done: () => void;
}) {
  const t = useOfflineText();
  const { text, t: tt } = useI18n();
  const start = (v.instrument ?? v.prefill) as Instrument | null;
  const [result, setResult] = useState<VisitResult | ''>((v.result as VisitResult | null) ?? '');
  const [lat, setLat] = useState(v.latitude == null ? '' : String(v.latitude));
  const [lon, setLon] = useState(v.longitude == null ? '' : String(v.longitude));
  const [notes, setNotes] = useState(String(v.notes ?? ''));
  const [locating, setLocating] = useState(false);
  const [values, setValues] = useState(() =>
    householdValues(
      start ? ({ ...start.household, regionCode: v.regionCode } as unknown as HouseholdDetail) : undefined,
      String(v.regionCode),
    ),
  );
  const [photos, setPhotos] = useState<OfflinePhoto[]>([]);
  const [problems, setProblems] = useState<string[]>([]);

  const locate = () => {
    setLocating(true);
    navigator.geolocation?.getCurrentPosition(
      (p) => {
        setLat(p.coords.latitude.toFixed(6));
        setLon(p.coords.longitude.toFixed(6));
        setLocating(false);
      },
      () => setLocating(false),
      { enableHighAccuracy: true, timeout: 20_000 },
    );
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const missing: string[] = [];
    if (!result) missing.push(t('result'));
    const latitude = Number(lat.replace(',', '.'));
    const longitude = Number(lon.replace(',', '.'));
    if (!lat.trim() || Number.isNaN(latitude)) missing.push(t('latitude'));
    if (!lon.trim() || Number.isNaN(longitude)) missing.push(t('longitude'));
    if (missing.length) {
      setProblems(missing);
      return;
    }
    let instrument: Instrument | undefined;
    if (start && needsInstrument(result as VisitResult)) {
      const { body } = householdBody(values, tt);
      const {
        latitude: _a,
        longitude: _b,
        regionCode: _r,
        members: _m,
        ...household
      } = body as Record<string, unknown>;
      instrument = { household, members: start.members };
    }
    const files = Object.fromEntries(photos.map((p) => [p.ref, p.base64]));
    const change = await store.enqueue(
      {
        kind: 'verivali.visit',
        targetId: v.id,
        baseVersion: Number(v.version),
        payload: {
          result,
          latitude,
          longitude,
          ...(notes.trim() ? { notes: notes.trim() } : {}),
          ...(instrument ? { instrument } : {}),
          confirmWarnings: true,
          photos: photos.map((p) => ({ ref: p.ref, name: p.name })),
        },
      },
      files,
      t('visitOf', { name: String(v.headName ?? '') }),
      userId,
    );
    await store.put('visit', v.id, {
      ...v,
      result,
      latitude,
      longitude,
      notes,
      ...(instrument ? { instrument } : {}),
      pendingChange: change.id,
    });
    done();
  };

  const sections = ['result', 'location', 'house', 'members', 'photos', 'notes'] as const;
  return (
    <form className="offline__visit" onSubmit={save} noValidate>
      <h2>{t('visitOf', { name: String(v.headName ?? '') })}</h2>
      <nav className="offline__jump" aria-label={t('visitOf', { name: '' })}>
        {sections.map((s) => (
          <a key={s} href={`#visit-${s}`}>
            {t(`section.${s}`)}
          </a>
        ))}
      </nav>
      {problems.length > 0 && (
        <div className="card" role="alert">
          {t('required')}: {problems.join(', ')}
        </div>
      )}
      <fieldset id="visit-result" className="card">
        <legend>{t('result')}</legend>
        <div className="offline__choices">
          {VISIT_RESULTS.map((r) => (
            <label key={r.code} className="offline__choice">
              <input
                type="radio"
                name="result"
                value={r.code}
                checked={result === r.code}
                onChange={() => setResult(r.code)}
              />
              <span>{text(r.label)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset id="visit-location" className="card">
        <legend>{t('section.location')}</legend>
        <button type="button" className="button button--primary offline__big" onClick={locate}>
          {locating ? t('locating') : t('locate')}
        </button>
        <label className="offline__field">
          <span>{t('latitude')}</span>
          <input name="latitude" inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} />
        </label>
        <label className="offline__field">
          <span>{t('longitude')}</span>
          <input name="longitude" inputMode="decimal" value={lon} onChange={(e) => setLon(e.target.value)} />
        </label>
      </fieldset>
      <fieldset id="visit-house" className="card">
        <legend>{t('section.house')}</legend>
        <InstrumentFields values={values} onChange={setValues} errors={{}} />
      </fieldset>
      <fieldset id="visit-members" className="card">
        <legend>{t('section.members')}</legend>
        <ul>
          {(start?.members ?? []).map((m, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: members of the prefill have no other stable key
            <li key={n}>
              {String(m.name)} — <code>{String(m.nik)}</code>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset id="visit-photos" className="card">
        <legend>{t('section.photos')}</legend>
        <PhotoInput photos={photos} setPhotos={setPhotos} />
      </fieldset>
      <fieldset id="visit-notes" className="card">
        <legend>{t('section.notes')}</legend>
        <label className="offline__field">
          <span>{t('notes')}</span>
          <textarea value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
      </fieldset>
      <div className="offline__savebar">
        <button type="button" className="button" onClick={done}>
          {t('back')}
        </button>
        <button type="submit" className="button button--primary offline__big">
          {t('saveVisit')}
        </button>
      </div>
    </form>
  );
}

function Musdes({ store, userId, version, refresh }: TabProps) {
  const t = useOfflineText();
  const { text } = useI18n();
  const rows = useStored(store, version, [] as Rec[], async (s) =>
    (await s.all<Rec>('musdes_row')).sort((a, b) => Number(a.rowNo) - Number(b.rowNo)),
  );
  const [saved, setSaved] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  if (!rows.length) return <p>{t('noMusdes')}</p>;
  const decide = async (r: Rec, outcome: string) => {
    const session = await store.get<Rec>('musdes', String(r.sessionId));
    const change = await store.enqueue(
      {
        kind: 'musdes.outcome',
        targetId: r.id,
        baseVersion: Number(session?.version ?? 1),
        payload: {
          sessionId: r.sessionId,
          outcome,
          ...(notes[r.id]?.trim() ? { note: notes[r.id]!.trim() } : {}),
          baseOutcome: (r.serverOutcome ?? r.outcome ?? null) as string | null,
        },
      },
      {},
      `${t('outcome')} — ${String(r.headName)}`,
      userId,
    );
    await store.put('musdes_row', r.id, {
      ...r,
      serverOutcome: r.serverOutcome ?? r.outcome ?? null,
      outcome,
      pendingChange: change.id,
    });
    setSaved(r.id);
    refresh();
  };
  return (
    <ul className="offline__list">
      {rows.map((r) => (
        <li key={r.id} className="card">
          <strong>
            {String(r.rowNo)}. {String(r.headName)}
          </strong>{' '}
          <code>{String(r.kkNumber ?? '')}</code>
          <label className="offline__field">
            <span>{t('note')}</span>
            <input
              value={notes[r.id] ?? ''}
              onChange={(e) => setNotes({ ...notes, [r.id]: e.target.value })}
            />
          </label>
          <div className="offline__choices">
            {OUTCOMES.filter((o) =>
              ((r.allowedOutcomes as string[] | undefined) ?? OUTCOMES).includes(o),
            ).map((o) => (
              <button
                key={o}
                type="button"
                className={`button ${r.outcome === o ? 'button--primary' : ''}`}
                aria-pressed={r.outcome === o}
                onClick={() => void decide(r, o)}
              >
                {text(OUTCOME_LABELS[o])}
              </button>
            ))}
          </div>
          {saved === r.id && <p role="status">{t('outcomeSaved')}</p>}
        </li>
      ))}
    </ul>
  );
}

function Queue({
  store,
  version,
  refresh,
  online,
}: {
  store: OfflineStore;
  version: number;
  refresh: () => void;
  online: boolean;
}) {
  const t = useOfflineText();
  const user = useUser();
  const items = useStored(store, version, [] as (QueueItem & { status: QueueStatus })[], (s) => s.queue());
  const [fixing, setFixing] = useState<QueueItem | null>(null);
  if (fixing)
    return (
      <NewHousehold
        store={store}
        userId={user.id}
        fix={fixing}
        refresh={refresh}
        back={() => {
          setFixing(null);
          void (online ? pushChanges(store) : Promise.resolve()).catch(() => {}).then(refresh);
        }}
      />
    );
  if (!items.length) return <p>{t('queueEmpty')}</p>;
  const act = (f: () => Promise<void>) => async () => {
    await f();
    if (online) await pushChanges(store).catch(() => {});
    refresh();
  };
  return (
    <ul className="offline__list">
      {items.map((q) => (
        <li key={q.change.id} className="card stack" data-testid="queue-item">
          <div>
            <strong>{t(`kind.${q.change.kind}` as 'kind.usulan.draft')}</strong> — {q.title}
            <br />
            <span className={`badge badge--${q.status}`}>{t(`status.${q.status}`)}</span>
            {q.result?.reason && <p>{q.result.reason.message}</p>}
            {q.result?.errors?.map((e) => (
              <p key={e.field}>
                <code>{e.field}</code>: {e.message}
              </p>
            ))}
          </div>
          {q.status === 'conflict' && (
            <div className="offline__compare">
              <div>
                <h3>{t('mine')}</h3>
                <Summary value={q.change.payload} />
              </div>
              <div>
                <h3>{t('theirs')}</h3>
                <Summary value={q.result?.current ?? {}} />
              </div>
            </div>
          )}
          {q.status === 'conflict' && (
            <div className="offline__actions">
              <button
                type="button"
                className="button button--primary offline__big"
                onClick={act(() => keepMine(store, q))}
              >
                {t('keepMine')}
              </button>
              <button
                type="button"
                className="button button--primary offline__big"
                onClick={act(() => takeTheirs(store, q))}
              >
                {t('takeTheirs')}
              </button>
            </div>
          )}
          {q.status === 'rejected' &&
            q.change.kind === 'usulan.draft' &&
            (q.change.payload.proposal as { kind?: string } | undefined)?.kind === 'baru' && (
              <button
                type="button"
                className="button button--primary offline__big"
                onClick={() => setFixing(q)}
              >
                {t('fixProposal')}
              </button>
            )}
          {q.status === 'rejected' && (
            <button type="button" className="button" onClick={act(() => store.remove(q.change.id))}>
              {t('discard')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The fields a person compares in a conflict (long nested parts such as the instrument left out). */
const COMPARED = [
  'result',
  'latitude',
  'longitude',
  'notes',
  'outcome',
  'note',
  'state',
  'reason',
  'version',
  'updatedAt',
];

function Summary({ value }: { value: Record<string, unknown> }) {
  const flat = { ...value, ...((value.proposal as Record<string, unknown> | undefined) ?? {}) };
  return (
    <dl className="offline__summary">
      {COMPARED.filter((k) => flat[k] !== undefined && flat[k] !== null).map((k) => (
        <div key={k}>
          <dt>
            <code>{k}</code>
          </dt>
          <dd>{String(flat[k])}</dd>
        </div>
      ))}
    </dl>
  );
}
