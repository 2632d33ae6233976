/** Strings of the home page's to-do list (the items' own texts come from the server's catalogue). */
import type { Dictionary } from '../../i18n/index.tsx';

const id = {
  title: 'Menunggu tindakan Anda',
  empty: 'Tidak ada pekerjaan yang menunggu di wilayah Anda.',
  period: 'Periode berjalan: {period}',
};

const en: typeof id = {
  title: 'Waiting for you',
  empty: 'Nothing is waiting in your territory.',
  period: 'Current period: {period}',
};

export const todoText: Dictionary<keyof typeof id> = { id, en };
