/** Lines of a Dukcapil extract that could not be matched because they are malformed (migration 009). */
export interface DukcapilRejectTable {
  importId: string;
  line: number;
  provinceCode: string;
  /** The line's NIK column as written, when there was one. */
  nik: string | null;
  /** JSON array of {field, code, message: {id, en}}. */
  issues: string;
}
