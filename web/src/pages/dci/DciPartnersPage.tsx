/**
 * DCI partner systems (docs/dci.md, `dci.manage`): the partners of one's territory with their scopes,
 * territory, callback hosts and state; register one (its client secret is shown this once) and revoke.
 * The service decides who may and which territory: the page only asks.
 */

import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { Partner as PartnerSchema } from '../../../../src/modules/dci/dci.partners.routes.ts';
import { request } from '../../api/client.ts';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { CheckboxField, TextField } from '../../components/fields.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { useLoad } from '../../hooks/use-load.ts';
import { useI18n, useText } from '../../i18n/index.tsx';
import { fieldErrors } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useUser } from '../../session.tsx';
import { messages } from './messages.ts';

type Partner = z.infer<typeof PartnerSchema>;

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function DciPartnersPage() {
  const tx = useText(messages);
  const { lang } = useI18n();
  const user = useUser();
  const partners = useLoad(['dci', 'partners'], (signal) =>
    request<{ items: Partner[] }>('GET', '/dci/partners', { signal }),
  );
  const [clientId, setClientId] = useState('');
  const [name, setName] = useState('');
  const [search, setSearch] = useState(true);
  const [subscribe, setSubscribe] = useState(false);
  const [decile, setDecile] = useState(false);
  const [hosts, setHosts] = useState('');
  const [region, setRegion] = useState(user.regionCode);
  const [secret, setSecret] = useState<{ clientId: string; clientSecret: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSecret(null);
    try {
      const scopes = [
        ...(search ? ['dci.search'] : []),
        ...(subscribe ? ['dci.subscribe'] : []),
        ...(decile ? ['dci.decile'] : []),
      ];
      const created = await request<{ clientId: string; clientSecret: string }>('POST', '/dci/partners', {
        json: { clientId, name, scopes, regionCode: region, callbackHosts: list(hosts) },
      });
      setSecret(created);
      setClientId('');
      setName('');
      setHosts('');
      partners.reload();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (p: Partner) => {
    if (!window.confirm(tx('confirmRevoke', { name: p.name }))) return;
    setError(null);
    try {
      await request('POST', `/dci/partners/${encodeURIComponent(p.clientId)}/revoke`);
      partners.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <PageHeader title={tx('title')} subtitle={tx('intro')} />
      <div className="stack">
        <ErrorSummary error={error ?? partners.error} />
        {secret && (
          <section className="card stack" role="status" data-testid="dci-secret" aria-labelledby="dci-secret">
            <h2 id="dci-secret">{tx('secretTitle')}</h2>
            <p>{tx('secretOnce')}</p>
            <p>
              {tx('clientId')}: <code>{secret.clientId}</code>
            </p>
            <pre className="small" data-raw="true" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              <code>{secret.clientSecret}</code>
            </pre>
            <div className="actions">
              <button type="button" className="button" onClick={() => setSecret(null)}>
                {tx('done')}
              </button>
            </div>
          </section>
        )}
        <section className="card stack" aria-labelledby="dci-list">
          <h2 id="dci-list">{tx('listTitle')}</h2>
          {partners.data?.items.length === 0 ? (
            <p>{tx('none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="dci-partners">
                <thead>
                  <tr>
                    <th scope="col">{tx('name')}</th>
                    <th scope="col">{tx('clientId')}</th>
                    <th scope="col">{tx('scopes')}</th>
                    <th scope="col">{tx('region')}</th>
                    <th scope="col">{tx('callbackHosts')}</th>
                    <th scope="col">{tx('status')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{tx('revoke')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {partners.data?.items.map((p) => (
                    <tr key={p.clientId} data-client={p.clientId}>
                      <td>{p.name}</td>
                      <td>
                        <code>{p.clientId}</code>
                      </td>
                      <td>
                        {p.scopes.map((s) => (
                          <code key={s}>{s} </code>
                        ))}
                      </td>
                      <td>{p.regionCode ? <code>{p.regionCode}</code> : tx('nation')}</td>
                      <td>
                        {p.callbackHosts.map((h) => (
                          <code key={h}>{h} </code>
                        ))}
                      </td>
                      <td>
                        {p.revokedAt ? `${tx('revoked')} ${formatDate(p.revokedAt, lang)}` : tx('active')}
                      </td>
                      <td>
                        {!p.revokedAt && (
                          <button
                            type="button"
                            className="button button--small"
                            onClick={() => void revoke(p)}
                          >
                            {tx('revoke')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section className="card stack" aria-labelledby="dci-add">
          <h2 id="dci-add">{tx('addTitle')}</h2>
          <form className="stack" onSubmit={(e) => void add(e)} noValidate>
            <TextField
              path="clientId"
              label={tx('clientId')}
              value={clientId}
              onChange={setClientId}
              maxLength={63}
              required
              errors={errors.clientId}
            />
            <TextField
              path="name"
              label={tx('name')}
              value={name}
              onChange={setName}
              maxLength={200}
              required
              errors={errors.name}
            />
            <fieldset className="stack">
              <legend>{tx('scopes')}</legend>
              <CheckboxField path="scope-search" label={tx('search')} checked={search} onChange={setSearch} />
              <CheckboxField
                path="scope-subscribe"
                label={tx('subscribe')}
                checked={subscribe}
                onChange={setSubscribe}
              />
              <CheckboxField path="scope-decile" label={tx('decile')} checked={decile} onChange={setDecile} />
            </fieldset>
            <TextField
              path="callbackHosts"
              label={tx('callbackHosts')}
              hint={tx('callbackHint')}
              value={hosts}
              onChange={setHosts}
              maxLength={2000}
              errors={errors.callbackHosts}
            />
            <RegionPicker
              root={user.regionCode}
              value={region}
              onChange={setRegion}
              path="dci-region"
              legend={tx('region')}
            />
            <div className="actions">
              <button type="submit" className="button button--primary">
                {tx('add')}
              </button>
            </div>
          </form>
        </section>
      </div>
    </>
  );
}
