import { registerRoutes } from '../social/register.routes.ts';
import { psksSchemas } from './psks.schemas.ts';

export const psksRoutes = registerRoutes({
  name: 'psks',
  service: (container) => container.psks,
  schemas: psksSchemas,
  summaries: {
    list: 'PSKS workers and institutions in your territory (cursor-paginated); filter by region, kind, status; q = name or NIK',
    create: 'Register a social-welfare worker or institution (institutions have no NIK)',
    get: 'One PSKS record',
    update: 'Correct a PSKS record (send the version you edited and a reason)',
    remove: 'Remove from the PSKS register (status change with a reason; nothing is deleted)',
  },
});
