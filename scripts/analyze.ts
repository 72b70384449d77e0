/**
 * Entities and dates of one article, with the extension's own code:
 *
 *   npm run --silent analyze -- FILE [--published YYYY-MM-DD] [--url URL]
 *
 * FILE is a saved .html page (run through utils/extract.ts, as in the extension) or a .txt article
 * (a short first line followed by a blank line is its title). Prints one JSON object. Dates are resolved
 * against --published, else the page's published time, else today (the save date).
 * Bad input exits non-zero with a one-line error on stderr.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRecognizer } from '@/utils/entities';
import { findDates } from '@/utils/dates';
import { loadModelFromDisk } from '@/utils/ner/load-node';
import { readPage, InputError } from '@/utils/ner/read-page';

const USAGE = 'usage: npm run --silent analyze -- FILE [--published YYYY-MM-DD] [--url URL]';

function parseArgs(argv: string[]): { file: string; published?: string; url?: string } {
  let file: string | undefined;
  let published: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--published' || a === '--url') {
      const v = argv[++i];
      if (v === undefined) throw new InputError(`${a} needs a value; ${USAGE}`);
      if (a === '--published') {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new InputError(`--published must be YYYY-MM-DD, got "${v}"`);
        published = v;
      } else url = v;
    } else if (a.startsWith('--')) throw new InputError(`unknown option ${a}; ${USAGE}`);
    else if (file === undefined) file = a;
    else throw new InputError(`one FILE only; ${USAGE}`);
  }
  if (file === undefined) throw new InputError(`no FILE given; ${USAGE}`);
  return { file, published, url };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const page = readPage(args.file, args.url);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const model = await loadModelFromDisk(path.join(root, 'public/ner'));
  const entities = createRecognizer(model).recognize(page.title, page.text);
  const reference = args.published ?? page.publishedTime ?? new Date();
  const dates = findDates(page.title, page.text, reference);
  const out = {
    title: page.title,
    byline: page.byline,
    siteName: page.siteName,
    lang: page.lang,
    publishedTime: page.publishedTime,
    text: page.text,
    entities: entities.map((e) => ({ kind: e.kind, text: e.text, canonical: e.canonical, start: e.start, end: e.end, in: e.in })),
    dates: dates.map((d) => ({ text: d.text, start: d.start, end: d.end, value: d.value, precision: d.precision, in: d.in })),
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e: unknown) => {
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`analyze: ${msg.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(e instanceof InputError ? 2 : 1);
});
