/** Strings of the ranking models page (Pusdatin: upload, check, publish a PMT model; re-rank a period). */
import type { Dictionary } from '../../i18n/index.tsx';

const id = {
  title: 'Model pemeringkatan (PMT)',
  intro:
    'Unggah versi model uji kemampuan (proxy-means test) sebagai dokumen JSON, periksa kesalahannya, terbitkan, lalu peringkat ulang periode yang sudah ditetapkan. Hasil peringkat periode lama tetap tersimpan dengan versi modelnya.',
  versions: 'Versi model',
  none: 'Belum ada model yang diunggah.',
  version: 'Versi',
  description: 'Keterangan',
  state: 'Status',
  variables: 'Variabel',
  spread: 'Desil terbesar pada sampel uji',
  created: 'Diunggah',
  published: 'Diterbitkan',
  'state.draft': 'Draf',
  'state.published': 'Terbit',
  flagged: 'Hampir semua dalam satu desil',
  publish: 'Terbitkan',
  uploadTitle: 'Unggah versi model',
  uploadHint:
    'Pilih berkas JSON atau tempel isinya. Susunan dokumen dan variabel yang dikenal dijelaskan di docs/ranking.md.',
  file: 'Berkas model (JSON)',
  text: 'Isi dokumen model (JSON)',
  upload: 'Periksa dan simpan sebagai draf',
  uploading: 'Memeriksa…',
  emptyText: 'Isi dokumen model masih kosong.',
  badJson: 'Bukan JSON yang sah: {message}',
  invalid: 'Model ditolak dan tidak disimpan. Perbaiki bagian berikut:',
  wholeDocument: '(seluruh dokumen)',
  uploaded: 'Model {version} tersimpan sebagai draf.',
  concentrationWarning:
    'Peringatan: model ini menempatkan {share}% rumah tangga sampel uji dalam satu desil, sehingga hampir tidak membedakan rumah tangga. Model ini hanya dapat diterbitkan dengan konfirmasi.',
  confirmTitle: 'Terbitkan model {version}?',
  confirmBody:
    'Model yang diterbitkan tidak dapat diubah lagi dan dipakai untuk peringkat periode berikutnya (model terbit terbaru menjadi bawaan).',
  confirmFlagged: 'Saya tetap menerbitkannya walaupun {share}% sampel uji jatuh dalam satu desil.',
  publishedNotice: 'Model {version} diterbitkan.',
  rankTitle: 'Peringkat ulang periode',
  rankHint:
    'Peringkat dihitung dari snapshot periode yang sudah ditetapkan dan berjalan sebagai pekerjaan latar belakang. Periode yang sudah diperingkat dengan model yang sama langsung menjawab hasil yang tersimpan.',
  period: 'Periode yang ditetapkan',
  model: 'Versi model yang dipakai',
  latestModel: 'Model terbit terbaru',
  noPeriods: 'Belum ada periode yang ditetapkan.',
  noPublished: 'Belum ada model yang diterbitkan.',
  rank: 'Mulai peringkat',
  rankDone: 'Selesai: {households} rumah tangga periode {period} diperingkat dengan model {model}.',
  checksum: 'Checksum hasil',
  'phase.score': 'Menghitung skor',
  'phase.deciles': 'Menetapkan desil',
};
type Key = keyof typeof id;

const en: Record<Key, string> = {
  title: 'Ranking models (PMT)',
  intro:
    'Upload a proxy-means test model version as a JSON document, check its errors, publish it, then re-rank a determined period. Earlier periods keep their results, tagged with their model version.',
  versions: 'Model versions',
  none: 'No model has been uploaded yet.',
  version: 'Version',
  description: 'Description',
  state: 'State',
  variables: 'Variables',
  spread: 'Largest decile in the check sample',
  created: 'Uploaded',
  published: 'Published',
  'state.draft': 'Draft',
  'state.published': 'Published',
  flagged: 'Almost everyone in one decile',
  publish: 'Publish',
  uploadTitle: 'Upload a model version',
  uploadHint:
    'Choose a JSON file or paste its content. The document and the variables it may use are described in docs/ranking.md.',
  file: 'Model file (JSON)',
  text: 'Model document (JSON)',
  upload: 'Check and save as draft',
  uploading: 'Checking…',
  emptyText: 'The model document is empty.',
  badJson: 'Not valid JSON: {message}',
  invalid: 'The model was refused and nothing was stored. Fix these parts:',
  wholeDocument: '(whole document)',
  uploaded: 'Model {version} saved as a draft.',
  concentrationWarning:
    'Warning: this model puts {share}% of the check sample into one decile, so it barely tells households apart. It can only be published with a confirmation.',
  confirmTitle: 'Publish model {version}?',
  confirmBody:
    'A published model can no longer change; it ranks the next periods (the latest published model is the default).',
  confirmFlagged: 'I publish it although {share}% of the check sample falls into one decile.',
  publishedNotice: 'Model {version} published.',
  rankTitle: 'Re-rank a period',
  rankHint:
    "Ranking reads the determined period's snapshot and runs as a background job. A period already ranked with the same model answers its stored result at once.",
  period: 'Determined period',
  model: 'Model version to use',
  latestModel: 'Latest published model',
  noPeriods: 'No period has been determined yet.',
  noPublished: 'No model has been published yet.',
  rank: 'Start ranking',
  rankDone: 'Done: {households} households of {period} ranked with model {model}.',
  checksum: 'Result checksum',
  'phase.score': 'Scoring',
  'phase.deciles': 'Setting deciles',
};

export const modelsText: Dictionary<Key> = { id, en };
