/**
 * Where one-time codes go (CODE_SENDER): `log` (development, the default) writes the message to the server's
 * log as a JSON line, `smtp` sends an e-mail through nodemailer (SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASS,
 * SMTP_FROM). A sender says which channels it can reach; an SMS or WhatsApp gateway is one more class.
 */
import type { Transporter } from 'nodemailer';

export type CodeChannel = 'email' | 'phone';

export interface OutgoingMessage {
  channel: CodeChannel;
  /** The e-mail address or the phone number (+62…). */
  to: string;
  subject: string;
  text: string;
  /** The code itself, when the message carries one (for the log sender's readers: tests, developers). */
  code?: string;
}

export interface CodeSender {
  readonly name: string;
  readonly channels: readonly CodeChannel[];
  send(message: OutgoingMessage): Promise<void>;
}

/** Development: every message as one JSON line on the log (and kept for tests to read). */
export class LogCodeSender implements CodeSender {
  readonly name = 'log';
  readonly channels = ['email', 'phone'] as const;
  readonly sent: OutgoingMessage[] = [];
  readonly #write: (line: string) => void;

  constructor(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
    this.#write = write;
  }

  async send(message: OutgoingMessage): Promise<void> {
    this.sent.push(message);
    if (this.sent.length > 100) this.sent.shift();
    this.#write(JSON.stringify({ level: 30, time: Date.now(), msg: 'citizen code sent', ...message }));
  }
}

export interface SmtpSettings {
  host: string;
  port: number;
  user?: string;
  pass?: string;
  from: string;
}

/** Production: e-mail through an SMTP server (STARTTLS when offered; port 465 is TLS from the start). */
export class SmtpCodeSender implements CodeSender {
  readonly name = 'smtp';
  readonly channels = ['email'] as const;
  readonly #settings: SmtpSettings;
  #transport: Promise<Transporter> | undefined;

  constructor(s: SmtpSettings) {
    this.#settings = s;
  }

  /** nodemailer is loaded on the first message, so commands that send nothing do not pay for it. */
  #transporter(): Promise<Transporter> {
    const s = this.#settings;
    this.#transport ??= import('nodemailer').then((m) =>
      m.default.createTransport({
        host: s.host,
        port: s.port,
        secure: s.port === 465,
        ...(s.user ? { auth: { user: s.user, pass: s.pass ?? '' } } : {}),
      }),
    );
    return this.#transport;
  }

  async send(message: OutgoingMessage): Promise<void> {
    await (await this.#transporter()).sendMail({
      from: this.#settings.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
  }
}

/** The sender the environment asks for; a ConfigError-style Error naming what is missing. */
export function codeSenderFromEnv(env: NodeJS.ProcessEnv = process.env): CodeSender {
  const kind = env.CODE_SENDER ?? 'log';
  if (kind === 'log') return new LogCodeSender();
  if (kind === 'smtp') {
    const missing = ['SMTP_HOST', 'SMTP_FROM'].filter((k) => !env[k]);
    if (missing.length) throw new Error(`CODE_SENDER=smtp needs ${missing.join(' and ')}`);
    const port = Number(env.SMTP_PORT ?? 587);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new Error(`SMTP_PORT must be a port number (got ${env.SMTP_PORT})`);
    }
    return new SmtpCodeSender({
      host: env.SMTP_HOST!,
      port,
      ...(env.SMTP_USER ? { user: env.SMTP_USER } : {}),
      ...(env.SMTP_PASS ? { pass: env.SMTP_PASS } : {}),
      from: env.SMTP_FROM!,
    });
  }
  throw new Error(`CODE_SENDER must be log or smtp (got ${kind})`);
}
