import { useState } from 'preact/hooks';
import type { ClipmarkDB } from '@/utils/db';

// Export code (Markdown conversion, backup format) loads on the first click, not with the popup.
const exporter = () => import('@/utils/export');
const downloader = () => import('@/utils/download');

/** Export everything (JSON backup, Markdown, W3C Web Annotations) and import a backup. */
export interface ManagePanelProps {
  db: ClipmarkDB;
  /** Imports go through the background, which owns writes. Returns a one-line report. */
  onImport: (json: string) => Promise<string>;
}

export function ManagePanel({ db, onImport }: ManagePanelProps) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const day = new Date().toISOString().slice(0, 10);
  const run = (fn: () => Promise<string>) => {
    setMessage(null);
    fn().then((text) => setMessage({ ok: true, text }), (e: Error) => setMessage({ ok: false, text: e.message }));
  };
  return (
    <details class="manage">
      <summary>Export and import</summary>
      <div class="manage-actions">
        <button type="button" onClick={() => run(async () => {
          const [{ exportBackup }, { downloadText }] = await Promise.all([exporter(), downloader()]);
          const b = await exportBackup(db);
          downloadText(document, `clipmark-backup-${day}.json`, JSON.stringify(b, null, 2), 'application/json');
          return `Exported ${b.clippings.length} clippings.`;
        })}>Export all (JSON backup)</button>
        <button type="button" onClick={() => run(async () => {
          const [{ exportAllMarkdownZip }, { downloadText }] = await Promise.all([exporter(), downloader()]);
          const { count, zip } = await exportAllMarkdownZip(db);
          downloadText(document, `clipmark-markdown-${day}.zip`, zip as Uint8Array<ArrayBuffer>, 'application/zip');
          return `Exported ${count} clippings as Markdown files (a zip).`;
        })}>Export all (Markdown)</button>
        <button type="button" onClick={() => run(async () => {
          const [{ exportWebAnnotations }, { downloadText }] = await Promise.all([exporter(), downloader()]);
          const c = await exportWebAnnotations(db);
          downloadText(document, `clipmark-annotations-${day}.jsonld`, JSON.stringify(c, null, 2), 'application/ld+json');
          return 'Exported highlights as W3C Web Annotations.';
        })}>Export highlights (W3C)</button>
        <label class="file">
          Import a backup
          <input type="file" accept=".json,application/json" onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const file = input.files?.[0];
            if (file) run(async () => onImport(await file.text()));
            input.value = '';
          }} />
        </label>
      </div>
      {message && <p role={message.ok ? 'status' : 'alert'} class={message.ok ? 'ok' : 'error'}>{message.text}</p>}
    </details>
  );
}
