/**
 * The ALTCHA widget (proof of work, no third-party service), loaded only when the server asks for a
 * challenge. The "external" build: its stylesheet is a file and its solver runs in a worker file of ours,
 * so the page's Content-Security-Policy (scripts, styles and workers from 'self' only) holds.
 */
import 'altcha/altcha.css';
import 'altcha/external';
import 'altcha/i18n/id';
import 'altcha/i18n/en';
import ShaWorker from 'altcha/workers/sha?worker';

declare global {
  var $altcha: { algorithms: Map<string, () => Worker> } | undefined;
}

for (const algorithm of ['SHA-256', 'SHA-384', 'SHA-512']) {
  globalThis.$altcha?.algorithms.set(algorithm, () => new ShaWorker());
}

export const ready = true;
