/**
 * DNS pinning of DCI callbacks (docs/dci.md): a callback host is resolved once, every address it resolves
 * to must be public (not private, loopback, link-local, unique-local, carrier-grade NAT, multicast, reserved
 * or unspecified; an IPv4-mapped IPv6 address is judged as its IPv4) unless DCI_ALLOW_PRIVATE_CALLBACKS=1,
 * and the connection is made to exactly those addresses (undici's `connect.lookup`), so a public name
 * cannot rebind to an internal address between the check and the connect. TLS still names (SNI) and
 * verifies the host, and `Host` is the host.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Agent } from 'undici';

// undici is loaded by the first callback, not by every process that imports the DCI service.
const require = createRequire(import.meta.url);

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** How a callback host is resolved (default: the system resolver, every address); tests pass their own. */
export type CallbackLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: CallbackLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** Why an address may not be called back (its ipaddr.js range), or null when it is public unicast. */
export function addressRefusal(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return 'not an IP address';
  }
  const range = parsed.range();
  return range === 'unicast' ? null : `${address} is a ${range} address`;
}

/** Thrown when a callback host resolves to an address that may not be called. */
export class CallbackAddressRefused extends Error {}

/**
 * Resolves `hostname` once and checks every address; throws CallbackAddressRefused naming the first that
 * is refused, an Error when nothing resolves. An IP literal is its own address.
 */
export async function resolveCallbackHost(
  hostname: string,
  opts: { lookup?: CallbackLookup; allowPrivate: boolean },
): Promise<ResolvedAddress[]> {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(bare);
  let addresses: ResolvedAddress[];
  try {
    addresses = literal
      ? [{ address: bare, family: literal === 6 ? 6 : 4 }]
      : await (opts.lookup ?? systemLookup)(bare);
  } catch (err) {
    // Not a refusal: DNS may answer on a later attempt.
    throw new Error(`${hostname} does not resolve: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (addresses.length === 0) throw new Error(`${hostname} does not resolve`);
  if (!opts.allowPrivate) {
    for (const a of addresses) {
      const reason = addressRefusal(a.address);
      if (reason) throw new CallbackAddressRefused(`${hostname} resolves to ${reason}`);
    }
  }
  return addresses;
}

/** An undici dispatcher that connects to these addresses only, whatever name a request carries. */
export function pinnedAgent(addresses: ResolvedAddress[]): Agent {
  const { Agent } = require('undici') as typeof import('undici');
  return new Agent({
    connect: {
      lookup: (_hostname, options, callback) => {
        const all = (options as { all?: boolean }).all === true;
        if (all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
    },
  });
}
