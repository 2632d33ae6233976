import { isIP } from 'node:net';

/**
 * Why a DCI callback host (as registered, `host` or `host:port`, or a callback URL's host) may not be
 * called, or null when it may. Callbacks go to a partner's public DNS names only: an IP literal (any form
 * a URL parser reads as one) or a loopback or single-label name could make the registry call into its own
 * network. `allowPrivate` (DCI_ALLOW_PRIVATE_CALLBACKS=1, tests and the conformance suite on one machine)
 * lifts the check. A public name that resolves to a private address is caught when the callback is sent
 * (src/modules/dci/callback-pinning.ts: resolved once, checked, connected to the checked address).
 */
export function callbackHostRefusal(host: string, allowPrivate: boolean): string | null {
  if (allowPrivate) return null;
  let name: string;
  try {
    name = new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return 'not a host name';
  }
  if (name.startsWith('[') || isIP(name) !== 0) return 'an IP address, not a DNS name';
  if (name === 'localhost' || name.endsWith('.localhost')) return 'a loopback name';
  if (!name.includes('.')) return 'not a fully qualified DNS name';
  return null;
}
