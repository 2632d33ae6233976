import { registerRoutes } from '../social/register.routes.ts';
import { ppksSchemas } from './ppks.schemas.ts';

export const ppksRoutes = registerRoutes({
  name: 'ppks',
  service: (container) => container.ppks,
  schemas: ppksSchemas,
  summaries: {
    list: 'PPKS in your territory (cursor-paginated); filter by region, current category, status; q = name or NIK',
    create: 'Register a person needing social-welfare services, with one or more categories',
    get: 'One PPKS record with its categories',
    update: 'Correct a PPKS record (send the version you edited and a reason; categories replace the list)',
    remove: 'Remove from the PPKS register (status change with a reason; nothing is deleted)',
  },
});
