/** npm run shell: writes the popup's static shell (entrypoints/popup/shell.tsx) into entrypoints/popup/index.html. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { popupShell, shellOf, withShell } from '@/entrypoints/popup/shell';

const file = resolve(import.meta.dirname, '..', 'entrypoints', 'popup', 'index.html');
const html = readFileSync(file, 'utf8');
const shell = popupShell();
if (shellOf(html) === shell) console.log('entrypoints/popup/index.html: the shell is up to date.');
else {
  writeFileSync(file, withShell(html, shell));
  console.log('entrypoints/popup/index.html: shell written.');
}
