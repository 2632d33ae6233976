import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/context.ts';
import { IdParams, problems } from '../../http/schemas.ts';
import {
  AcknowledgeBody,
  BeritaAcaraItem,
  BeritaAcaraList,
  BeritaAcaraListQuery,
  ChainSettingsParams,
  ChainSettingsUpdate,
  ChainSettingsView,
  ReturnToVillageBody,
} from './chain.schemas.ts';
import type { ChainService } from './chain.service.ts';

const tags = ['pengesahan'];

/** The kecamatan step (Berita Acara acknowledgement) and the chain's settings per regency and province. */
export const chainRoutes: FastifyPluginAsyncZod<{ chain: ChainService }> = async (app, { chain }) => {
  app.get(
    '/berita-acara',
    {
      schema: {
        tags,
        summary:
          "Signed Berita Acara of a period in your territory with the kecamatan's acknowledgement state (pending, acknowledged, returned); without a period, the newest period with a signed Berita Acara there",
        querystring: BeritaAcaraListQuery,
        response: { 200: BeritaAcaraList, ...problems },
      },
    },
    async (req) => chain.beritaAcara(actorOf(req), req.query),
  );

  app.post(
    '/berita-acara/:id/acknowledge',
    {
      schema: {
        tags,
        summary:
          "Acknowledge a village's signed Berita Acara (kecamatan); the regency's pengesahan may then include it. 409 with currentState when already decided",
        params: IdParams,
        body: AcknowledgeBody,
        response: { 200: BeritaAcaraItem, ...problems },
      },
    },
    async (req) => chain.acknowledge(actorOf(req), req.params.id, req.body.note),
  );

  app.post(
    '/berita-acara/:id/return',
    {
      schema: {
        tags,
        summary:
          'Return a signed Berita Acara to the village with a note (kecamatan): the Musdes/Muskel is closed again, to be signed anew',
        params: IdParams,
        body: ReturnToVillageBody,
        response: { 200: BeritaAcaraItem, ...problems },
      },
    },
    async (req) => chain.returnToVillage(actorOf(req), req.params.id, req.body.note),
  );

  app.get(
    '/chain-settings/:regionCode',
    {
      schema: {
        tags,
        summary:
          "A regency's (kecamatan acknowledgement) or a province's (review, automatic forwarding) settings of the update-cycle chain",
        params: ChainSettingsParams,
        response: { 200: ChainSettingsView, ...problems },
      },
    },
    async (req) => chain.getSettings(actorOf(req), req.params.regionCode),
  );

  app.put(
    '/chain-settings/:regionCode',
    {
      schema: {
        tags,
        summary:
          'Change the chain settings of your regency (Dinas Sosial kab/kota) or province (Dinas Sosial provinsi)',
        params: ChainSettingsParams,
        body: ChainSettingsUpdate,
        response: { 200: ChainSettingsView, ...problems },
      },
    },
    async (req) => chain.updateSettings(actorOf(req), req.params.regionCode, req.body),
  );
};
