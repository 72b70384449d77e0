import type { Annotation, Clipping, DateRow, EntityRow } from '@/utils/db';

/** The JSON backup format (kept apart from export.ts so that the background's import does not load turndown). */

export const BACKUP_FORMAT = 'clipmark-backup';
export const BACKUP_VERSION = 1;

/** Entity and date rows travel without their local auto-increment ids. */
export type BackupEntity = Omit<EntityRow, 'id'>;
export type BackupDate = Omit<DateRow, 'id'>;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO timestamp. */
  exportedAt: string;
  clippings: Clipping[];
  /** Every annotation, including those on pages never saved (clippingId null). */
  annotations: Annotation[];
  entities: BackupEntity[];
  dates: BackupDate[];
}
