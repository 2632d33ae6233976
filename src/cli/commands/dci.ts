/**
 * `dtks dci …`: the DCI API's partner systems and housekeeping (docs/dci.md), through the same service as
 * the API. `partner add|list|revoke` registers the systems that may ask the registry (the secret is shown
 * once), `notify` sends the pending registry-event notifications now (a server sends them every
 * DCI_NOTIFY_SECONDS), `fixtures` loads what the spdci conformance suite's social-registry scenarios name.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ZodError } from 'zod';
import { systemActor } from '../../modules/access/actor.ts';
import { PartnerInput } from '../../modules/dci/dci.schemas.ts';
import { cliActor, withContainer } from '../context.ts';
import { fail, printJson, run } from '../output.ts';

interface Options {
  name?: string;
  scopes?: string;
  region?: string;
  callbackHost?: string;
  jwk?: string;
  secret?: string;
  as?: string;
}

const list = (s: string | undefined) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

/** The conformance suite's client id, subscription code and callback server (OpenSPP/spdci-compliance). */
export const SUITE_CLIENT = 'test-client';
export const SUITE_SUBSCRIPTION = 'sub-test-001';

export function registerDci(program: Command): void {
  const dci = program
    .command('dci')
    .description('DCI social-registry API: partner systems, notifications, fixtures');
  dci
    .command('partner <action> [clientId]')
    .description('Partner systems: add <clientId> | list | revoke <clientId>')
    .option('--name <text>', 'add: the partner’s name')
    .option('--scopes <list>', 'add: comma-separated, of dci.search, dci.subscribe, dci.decile', 'dci.search')
    .option('--region <code>', 'add: its territory (dotted region code; empty = the nation)', '')
    .option(
      '--callback-host <list>',
      'add: comma-separated hosts (host or host:port) callbacks may go to',
      '',
    )
    .option('--jwk <file>', 'add: the public JWK (JSON file) that verifies its message signatures')
    .option('--secret <text>', 'add: use this client secret instead of a generated one')
    .option('--as <username>', 'act as this user (its role and territory); default the machine operator')
    .action((action: string, clientId: string | undefined, o: Options) =>
      run(() =>
        withContainer(undefined, 'dci', async (c) => {
          const actor = await cliActor(c, o.as, 'dci');
          if (action === 'list') return printJson({ items: await c.dci.listPartners(actor) });
          if (!clientId) fail(`${action} needs the client id`, 2);
          if (action === 'revoke') {
            await c.dci.revokePartner(actor, clientId);
            return printJson({ clientId, revoked: true });
          }
          if (action !== 'add') fail(`unknown action ${action}: add, list or revoke`, 2);
          let input: PartnerInput;
          try {
            input = PartnerInput.parse({
              clientId,
              name: o.name ?? clientId,
              scopes: list(o.scopes),
              regionCode: o.region ?? '',
              callbackHosts: list(o.callbackHost),
              publicJwk: o.jwk ? JSON.parse(readFileSync(o.jwk, 'utf8')) : null,
              ...(o.secret ? { secret: o.secret } : {}),
            });
          } catch (err) {
            if (err instanceof ZodError)
              fail(err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), 2);
            throw err;
          }
          return printJson(await c.dci.addPartner(actor, input));
        }),
      ),
    );
  dci
    .command('notify')
    .description('Send the registry events not yet notified to every active subscription now')
    .action(() =>
      run(() => withContainer(undefined, 'dci', async (c) => printJson(await c.dci.notifyAll()))),
    );
  dci
    .command('fixtures')
    .description(
      `Load what the spdci conformance suite names: partner ${SUITE_CLIENT} (both scopes, the nation, callbacks to the suite's server) and subscription ${SUITE_SUBSCRIPTION}`,
    )
    .option('--secret <text>', 'the client secret to give the suite’s client', 'spdci-compliance-secret')
    .option('--callback-host <list>', 'hosts of the suite’s callback server', '127.0.0.1:3336,localhost:3336')
    .action((o: Options) =>
      run(() =>
        withContainer(undefined, 'dci', async (c) => {
          const actor = systemActor('dci');
          const hosts = list(o.callbackHost);
          const existing = (await c.dci.listPartners(actor)).find((p) => p.clientId === SUITE_CLIENT);
          if (!existing) {
            await c.dci.addPartner(actor, {
              clientId: SUITE_CLIENT,
              name: 'spdci conformance suite',
              scopes: ['dci.search', 'dci.subscribe'],
              regionCode: '',
              callbackHosts: hosts,
              secret: o.secret!,
            });
          }
          await c.dci.addSubscription(SUITE_CLIENT, {
            code: SUITE_SUBSCRIPTION,
            eventType: 'REGISTER',
            filter: { kind: 'nik', value: 'TEST-001', entity: 'Member' },
            notifyUri: `http://${hosts[0]}/registry/notify`,
          });
          return printJson({
            clientId: SUITE_CLIENT,
            clientSecret: existing ? '(unchanged)' : o.secret,
            subscription: SUITE_SUBSCRIPTION,
            token: `curl -s -d grant_type=client_credentials -d client_id=${SUITE_CLIENT} -d client_secret=… http://HOST:PORT/api/v1/oauth/token`,
          });
        }),
      ),
    );
}
