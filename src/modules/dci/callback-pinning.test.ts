import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch } from 'undici';
import { describe, expect, it } from 'vitest';
import {
  addressRefusal,
  CallbackAddressRefused,
  type CallbackLookup,
  pinnedAgent,
  resolveCallbackHost,
} from './callback-pinning.ts';

describe('DCI callback DNS pinning', () => {
  it('refuses every non-public address, IPv4-mapped IPv6 judged as its IPv4', () => {
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])
      expect(addressRefusal(a), a).toBeNull();
    for (const a of [
      '10.0.0.5',
      '172.16.3.4',
      '192.168.1.1',
      '127.0.0.1',
      '169.254.169.254',
      '100.64.1.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:10.1.2.3',
    ])
      expect(addressRefusal(a), a).toMatch(/ is a \w+ address$/);
  });

  it('resolves once and refuses a name when any of its addresses is private (unless allowed)', async () => {
    let calls = 0;
    const lookup: CallbackLookup = async () => {
      calls++;
      return [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.5', family: 4 },
      ];
    };
    await expect(resolveCallbackHost('dci.partner.example', { lookup, allowPrivate: false })).rejects.toThrow(
      new CallbackAddressRefused('dci.partner.example resolves to 10.0.0.5 is a private address'),
    );
    expect(calls).toBe(1);
    expect(await resolveCallbackHost('dci.partner.example', { lookup, allowPrivate: true })).toHaveLength(2);
    // An IP literal is not looked up; a name that does not resolve is an error to retry, not a refusal.
    expect(await resolveCallbackHost('[::1]', { lookup, allowPrivate: true })).toEqual([
      { address: '::1', family: 6 },
    ]);
    expect(calls).toBe(2);
    const failing: CallbackLookup = async () => {
      throw new Error('ENOTFOUND');
    };
    const err = await resolveCallbackHost('gone.example', { lookup: failing, allowPrivate: false }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(CallbackAddressRefused);
  });

  it('connects to the pinned address whatever the name resolves to, keeping the name as Host', async () => {
    const hosts: string[] = [];
    const server = createServer((req, res) => {
      hosts.push(req.headers.host ?? '');
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const agent = pinnedAgent([{ address: '127.0.0.1', family: 4 }]);
    try {
      // `.test` names never resolve (RFC 6761): the request can only arrive through the pinned address.
      const res = await fetch(`http://callback.partner.test:${port}/registry/on-search`, {
        method: 'POST',
        body: '{}',
        dispatcher: agent,
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('ok');
      expect(hosts).toEqual([`callback.partner.test:${port}`]);
    } finally {
      await agent.close();
      await new Promise((r) => server.close(r));
    }
  });
});
