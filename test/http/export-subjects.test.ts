/**
 * Exports as audit subjects (issue 14, "who read my data"), on both engines: the household export (streamed
 * and as a job) and the recipients export audit each page of households they write as a read whose subjects
 * are exactly that page's households (audit_subjects), one entry per page — never the whole list at once —
 * with the page's count, first and last id and a SHA-256 of its ids in the chained details (the Excel file
 * too: each page audited before the sheet writer receives it); a citizen's
 * access log then shows the export. (Musdes rows and printed prelists: test/http/musdes.test.ts.)
 */
import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { JobWorker } from '../../src/modules/jobs/jobs.worker.ts';
import { recipientsXlsx, XLSX_MAX_RECIPIENTS } from '../../src/modules/recipients/recipients.export.ts';
import { RecipientsRepository } from '../../src/modules/recipients/recipients.repository.ts';
import { makeHousehold } from '../factories/households.ts';
import { importSeedCsv } from '../factories/households-csv.ts';
import { createUsers, login, PLACES, testApp } from '../support/app.ts';
import { entriesWithSubjects } from '../support/audit-subjects.ts';
import { ENGINES, openTestDb, type TestDb } from '../support/db.ts';
import { approvedRecipient, approvedRun } from '../support/recipients.ts';
import { cellAt, readXlsx } from '../support/xlsx.ts';

for (const engine of ENGINES) {
  describe(`exports as audit subjects (${engine})`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let opA: Record<string, string>;
    let villageA: string[];

    beforeAll(async () => {
      t = await openTestDb(engine);
      await createUsers(t.container);
      const seed = [
        ...Array.from({ length: 7 }, (_, i) => makeHousehold(PLACES.villageA, i)),
        ...Array.from({ length: 2 }, (_, i) => makeHousehold(PLACES.villageB, 10 + i)),
      ];
      await importSeedCsv(t.container, seed);
      villageA = (
        await t.container.database.db
          .selectFrom('households')
          .select('id')
          .where('villageCode', '=', PLACES.villageA)
          .orderBy('id')
          .execute()
      ).map((h) => h.id);
      app = await testApp(t.container);
      opA = await login(app, 'op-a');
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    /** The page entries of an action, oldest first, with the subjects indexed for each. */
    const pages = (action: string, username: string) =>
      entriesWithSubjects(t.container.database.db, action, username);
    const digest = (ids: string[]) => createHash('sha256').update(ids.join('\n')).digest('hex');

    it('the household export indexes each page’s households as read, page by page', async () => {
      const actor = { ...systemActor('pages'), username: 'system:pages' };
      const plan = t.container.transfer.exportPlan(actor, { status: 'active', region: PLACES.villageA });
      for await (const page of t.container.transfer.exportPages(plan, null, 3)) for (const _ of page.rows);
      const got = await pages('household.export_page', 'system:pages');
      expect(got.map((p) => p.subjects.length)).toEqual([3, 3, 1]);
      expect(got.flatMap((p) => p.subjects).sort()).toEqual(villageA);
      const chunks = [villageA.slice(0, 3), villageA.slice(3, 6), villageA.slice(6)];
      got.forEach((p, i) => {
        expect(p.subjects).toEqual(chunks[i]);
        expect(p.details).toEqual({
          households: chunks[i]!.length,
          first: chunks[i]![0],
          last: chunks[i]!.at(-1),
          sha256: digest(chunks[i]!),
        });
      });
    });

    it('over HTTP (streamed) and as a job, the exporter is recorded as having read every household written', async () => {
      const res = await app.inject({ url: '/api/v1/exports/households.csv', headers: opA });
      expect(res.statusCode, res.body).toBe(200);
      const streamed = await pages('household.export_page', 'op-a');
      expect(streamed.flatMap((p) => p.subjects).sort()).toEqual(villageA);

      const job = await app.inject({ method: 'POST', url: '/api/v1/exports/households', headers: opA });
      expect(job.statusCode, job.body).toBe(202);
      await new JobWorker(t.container.jobs).drain();
      const both = await pages('household.export_page', 'op-a');
      expect(both.length).toBe(streamed.length * 2);
      // Nothing of village B, outside op-a's territory.
      const db = t.container.database.db;
      const indexed = await db
        .selectFrom('auditSubjects')
        .select('entityId')
        .where('action', '=', 'household.export_page')
        .execute();
      expect(new Set(indexed.map((r) => r.entityId))).toEqual(new Set(villageA));
    });

    it('the recipients export indexes each page’s households too', async () => {
      const db = t.container.database.db;
      const at = new Date().toISOString();
      const runId = newId();
      await db
        .insertInto('recipientRuns')
        .values(
          approvedRun(
            { id: runId, period: '2026-11', programme: 'PKH', regency: PLACES.regency, at },
            { version: 3, evaluated: 3, candidates: 3 },
          ),
        )
        .execute();
      const listed = villageA.slice(0, 3);
      for (const householdId of listed) {
        await db
          .insertInto('recipients')
          .values(approvedRecipient({ period: '2026-11', runId, householdId, at }))
          .execute();
      }
      const actor = { ...systemActor('recipients'), username: 'system:recipients' };
      const { pages: all } = await t.container.recipients.recipientPages(
        actor,
        '2026-11',
        { programme: 'PKH' },
        2,
      );
      const seen: string[] = [];
      for await (const page of all) seen.push(...page.map((r) => r.householdId));
      expect(seen.sort()).toEqual([...listed].sort());
      const got = await pages('recipients.export_page', 'system:recipients');
      expect(got.map((p) => p.subjects.length)).toEqual([2, 1]);
      expect(got.flatMap((p) => p.subjects).sort()).toEqual([...listed].sort());

      const csv = await app.inject({
        url: '/api/v1/periods/2026-11/recipients/export?programme=PKH',
        headers: await login(app, 'dinsos'),
      });
      expect(csv.statusCode, csv.body).toBe(200);
      expect((await pages('recipients.export_page', 'dinsos')).flatMap((p) => p.subjects).sort()).toEqual(
        [...listed].sort(),
      );

      // The Excel file, streamed page by page: each page is audited before the sheet writer receives it.
      const excelActor = { ...systemActor('excel'), username: 'system:excel' };
      const { pages: excelPages } = await t.container.recipients.recipientPages(
        excelActor,
        '2026-11',
        { programme: 'PKH', format: 'xlsx' },
        2,
      );
      const auditedWhenWritten: string[][] = [];
      async function* watched() {
        for await (const page of excelPages) {
          auditedWhenWritten.push(
            (await pages('recipients.export_page', 'system:excel')).flatMap((p) => p.subjects),
          );
          yield page;
        }
      }
      const wb = readXlsx(await buffer(recipientsXlsx('KPM PKH 2026-11', watched())));
      expect(auditedWhenWritten).toEqual([listed.slice(0, 2), [...listed].sort()]);
      expect([4, 5, 6].map((r) => cellAt(wb, `A${r}`)?.value)).toEqual(listed);
      expect(wb.rows.size).toBe(6);

      const xlsx = await app.inject({
        url: '/api/v1/periods/2026-11/recipients/export?programme=PKH&format=xlsx',
        headers: await login(app, 'dinsos'),
      });
      expect(xlsx.statusCode, xlsx.body).toBe(200);
      const both = await pages('recipients.export_page', 'dinsos');
      expect(both).toHaveLength(2);
      expect(both[1]!.subjects).toEqual([...listed].sort());

      // A list longer than one sheet holds is refused as Excel before anything is read or audited.
      const exports = async () =>
        (await db.selectFrom('auditLog').select('id').where('action', '=', 'recipients.export').execute())
          .length;
      const before = await exports();
      const count = vi
        .spyOn(RecipientsRepository.prototype, 'countRecipients')
        .mockResolvedValue(XLSX_MAX_RECIPIENTS + 1);
      try {
        const tooMany = await app.inject({
          url: '/api/v1/periods/2026-11/recipients/export?programme=PKH&format=xlsx',
          headers: await login(app, 'dinsos'),
        });
        expect(tooMany.statusCode, tooMany.body).toBe(400);
        expect(tooMany.json()).toMatchObject({ code: 'recipients.xlsx_too_many' });
        expect(tooMany.json().errors).toEqual([
          expect.objectContaining({ field: 'format', code: 'recipients.xlsx_too_many' }),
        ]);
      } finally {
        count.mockRestore();
      }
      expect(await exports()).toBe(before);
      expect(await pages('recipients.export_page', 'dinsos')).toHaveLength(2);
    });
  });
}
