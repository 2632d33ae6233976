/**
 * A proposal's documents, one slot per kind: what is there (thumbnails of photos, a link to every file),
 * what is still missing, and — while the proposal is a draft or returned — a file input that uploads at
 * once, showing progress and the server's refusal (too large, a disguised or mismatched file) at the slot.
 */
import { useRef, useState } from 'react';
import { attachableIn, REQUIRED_ATTACHMENTS } from '../../../../../src/domain/cycle/attachments.ts';
import { ApiError } from '../../../api/client.ts';
import { errorMessage } from '../../../components/ErrorSummary.tsx';
import { fieldId } from '../../../components/fields.tsx';
import { formatNumber } from '../../../lib/format.ts';
import {
  ACCEPT,
  ATTACHMENT_KINDS,
  type AttachmentView,
  MAX_UPLOAD_BYTES,
  type UsulanAttachmentKind,
  type UsulanView,
  usulanApi,
} from './usulan.api.ts';
import { useUsulanI18n } from './usulan.i18n.ts';

/** The same rule the server enforces on submit. */
export function requiredKinds(kind: UsulanView['kind']): readonly UsulanAttachmentKind[] {
  return REQUIRED_ATTACHMENTS[kind];
}

export function fileSize(bytes: number, lang: 'id' | 'en'): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 102.4) / 10, lang)} KB`;
  return `${formatNumber(Math.round(bytes / (1024 * 102.4)) / 10, lang)} MB`;
}

export function Checklist({ u }: { u: UsulanView }) {
  const { m } = useUsulanI18n();
  const required = requiredKinds(u.kind);
  if (required.length === 0) return null;
  const missing = new Set(u.missingAttachments);
  return (
    <div className={`alert ${missing.size ? 'alert--warning' : 'alert--success'}`}>
      <p className="alert__title">{missing.size ? m('att.checklist') : m('att.complete')}</p>
      {missing.size > 0 && (
        <ul className="checklist">
          {required.map((k) => (
            <li key={k}>
              <span
                className={`checklist__mark checklist__mark--${missing.has(k) ? 'missing' : 'ok'}`}
                aria-hidden="true"
              >
                {missing.has(k) ? '✗' : '✓'}
              </span>
              <a href={`#${fieldId(`attachments.${k}`)}`}>{m(`att.kind.${k}`)}</a>:{' '}
              {missing.has(k) ? m('att.missing') : m('att.present')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Attachments({
  u,
  canUpload,
  onChange,
}: {
  u: UsulanView;
  canUpload: boolean;
  onChange: (u: UsulanView) => void;
}) {
  const { m } = useUsulanI18n();
  const required = new Set(requiredKinds(u.kind));
  const uploadable = (k: UsulanAttachmentKind) => canUpload && attachableIn(k, u.state);
  const shown = ATTACHMENT_KINDS.filter(
    (k) => uploadable(k) || required.has(k) || u.attachments.some((a) => a.kind === k),
  );
  return (
    <section className="card stack" aria-labelledby="att-title">
      <h2 id="att-title">{m('att.title')}</h2>
      <Checklist u={u} />
      {!canUpload && u.attachments.length === 0 && <p className="muted">{m('att.none')}</p>}
      {shown.length > 0 && (
        <ul className="att-slots">
          {shown.map((k) => (
            <Slot
              key={k}
              u={u}
              kind={k}
              required={required.has(k)}
              files={u.attachments.filter((a) => a.kind === k)}
              canUpload={uploadable(k)}
              onChange={onChange}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function Slot({
  u,
  kind,
  required,
  files,
  canUpload,
  onChange,
}: {
  u: UsulanView;
  kind: UsulanAttachmentKind;
  required: boolean;
  files: AttachmentView[];
  canUpload: boolean;
  onChange: (u: UsulanView) => void;
}) {
  const { m, t, lang } = useUsulanI18n();
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const label = m(`att.kind.${kind}`);
  const id = fieldId(`attachments.${kind}`);
  const missing = u.missingAttachments.includes(kind);

  const send = async (file: File) => {
    setError(null);
    setDone(null);
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(m('att.tooLarge', { name: file.name, size: fileSize(file.size, lang) }));
      return;
    }
    setProgress({ name: file.name, fraction: 0 });
    try {
      const next = await usulanApi.attach(u.id, kind, file, (fraction) =>
        setProgress({ name: file.name, fraction }),
      );
      onChange(next);
      setDone(m('att.uploaded', { name: file.name }));
    } catch (err) {
      setError(err instanceof ApiError ? errorMessage(err, t) : t('error.unexpected'));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <li className={`att-slot${missing ? ' att-slot--missing' : ''}`}>
      <h3>
        {label}{' '}
        <span
          className={`usulan-state${required ? (missing ? ' usulan-state--draft' : ' usulan-state--approved') : ''}`}
        >
          {required ? (missing ? m('att.missing') : m('att.present')) : m('att.optional')}
        </span>
      </h3>
      {files.length > 0 && (
        <ul className="att-files">
          {files.map((f) => (
            <li key={f.id} className="att-file">
              <a
                href={usulanApi.fileUrl(f.id, f.mime)}
                target="_blank"
                rel="noreferrer"
                aria-label={m('att.open', { name: f.originalName })}
              >
                {f.hasThumbnail ? (
                  <img
                    className="att-file__thumb"
                    src={usulanApi.thumbnailUrl(f.id)}
                    alt={m('att.thumbAlt', { kind: label })}
                    loading="lazy"
                  />
                ) : (
                  <span className="att-file__doc">
                    {f.mime === 'application/pdf' ? 'PDF' : f.mime.split('/')[1]?.toUpperCase()}
                  </span>
                )}
              </a>
              <span>
                {f.originalName}
                <br />
                <span className="muted">{fileSize(f.size, lang)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {canUpload && (
        <div className={`field${error ? ' field--error' : ''}`}>
          <label htmlFor={id}>
            {files.length ? m('att.replace', { kind: label }) : m('att.choose', { kind: label })}
          </label>
          <input
            ref={input}
            id={id}
            name={`attachments.${kind}`}
            type="file"
            accept={ACCEPT[kind]}
            disabled={progress !== null}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void send(file);
            }}
          />
          <p className="field__hint" id={`${id}-hint`}>
            {kind === 'kk_copy' || kind === 'other_document' ? m('att.accept.kk') : m('att.accept.photo')}
          </p>
          {progress && (
            <div className="att-progress" role="status">
              <progress max={1} value={progress.fraction} />
              <span>
                {m('att.uploading', { name: progress.name, percent: Math.round(progress.fraction * 100) })}
              </span>
            </div>
          )}
          {error && (
            <p className="field__error" id={`${id}-error`} role="alert">
              {error}
            </p>
          )}
          {done && !progress && (
            <p className="muted small" role="status">
              {done}
            </p>
          )}
        </div>
      )}
    </li>
  );
}
