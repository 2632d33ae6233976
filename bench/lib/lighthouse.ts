/**
 * Lighthouse itself (v12, node API) against a page of a running server, with its default mobile settings
 * (Moto G Power emulation, simulated slow 4G: 150 ms round trip, 1.6 Mbit/s, CPU slowed 4×), in the Debian
 * Chromium. For pages behind the login, `loginCookie` logs in through the API first and the cookie travels
 * as an extra header on every request of the audited load (the page, its scripts and its API calls).
 *
 *   await withChrome(async (port) => {
 *     const cookie = await loginCookie(origin, 'user', 'password');
 *     const r = await runLighthouse(`${origin}/households`, { port, headers: { cookie } });
 *   });
 *
 * Reused by every bench that scores web pages (staff app, public pages).
 */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LighthouseResult {
  url: string;
  /** Category scores 0–100. */
  performance: number;
  accessibility: number;
  /** Lab metrics in ms (CLS unitless), as Lighthouse simulated them. */
  fcp: number;
  lcp: number;
  speedIndex: number;
  tbt: number;
  cls: number;
  requests: number;
  /** Bytes over the wire (compressed where the server compressed). */
  transferBytes: number;
  scriptBytes: number;
  /** Accessibility audits that failed, by id (e.g. `landmark-one-main`). */
  accessibilityFailures: string[];
  /** Lighthouse's own run warnings (e.g. a redirect, an unstable page). */
  warnings: string[];
}

/** Starts headless Chromium with a debugging port for Lighthouse, runs `fn`, always stops it. */
export async function withChrome<T>(fn: (port: number) => Promise<T>): Promise<T> {
  const chrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    logLevel: 'silent',
  });
  try {
    return await fn(chrome.port);
  } finally {
    chrome.kill();
  }
}

/** Logs in through the API and answers the session cookie as a `Cookie` header value. */
export async function loginCookie(origin: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (cookies.length === 0) throw new Error('login answered no cookie');
  return cookies.join('; ');
}

interface NetworkItem {
  resourceType?: string;
  transferSize?: number;
}

/**
 * One Lighthouse run (performance and accessibility) of `url` in the Chromium listening on `port`. A run
 * Lighthouse itself reports as failed (e.g. NO_NAVSTART, a lost trace on a busy machine) is tried again, up
 * to `attempts` times.
 */
export async function runLighthouse(
  url: string,
  opts: { port: number; headers?: Record<string, string>; attempts?: number },
): Promise<LighthouseResult> {
  const attempts = opts.attempts ?? 3;
  for (let i = 1; ; i++) {
    try {
      return await runOnce(url, opts);
    } catch (err) {
      if (i >= attempts || !(err instanceof LighthouseRunError)) throw err;
    }
  }
}

class LighthouseRunError extends Error {}

async function runOnce(url: string, opts: { port: number; headers?: Record<string, string> }) {
  const result = await lighthouse(url, {
    port: opts.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    extraHeaders: opts.headers,
  });
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const lhr = result.lhr;
  if (lhr.runtimeError)
    throw new LighthouseRunError(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const items = ((lhr.audits['network-requests']?.details as { items?: NetworkItem[] } | undefined)?.items ??
    []) as NetworkItem[];
  const accessibilityFailures = (lhr.categories.accessibility?.auditRefs ?? [])
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a && a.scoreDisplayMode === 'binary' && a.score !== null && a.score < 1)
    .map((a) => a!.id);
  const run: LighthouseResult = {
    url,
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    fcp: audit('first-contentful-paint'),
    lcp: audit('largest-contentful-paint'),
    speedIndex: audit('speed-index'),
    tbt: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    requests: items.length,
    transferBytes: items.reduce((a, i) => a + (i.transferSize ?? 0), 0),
    scriptBytes: items
      .filter((i) => i.resourceType === 'Script')
      .reduce((a, i) => a + (i.transferSize ?? 0), 0),
    accessibilityFailures,
    warnings: lhr.runWarnings ?? [],
  };
  return run;
}
