import TurndownService from 'turndown';
import type { Annotation, ClipmarkDB, DateRow, EntityRow, Clipping, Selector } from '@/utils/db';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup, type BackupDate, type BackupEntity } from '@/utils/backup-format';

/*
 * Export: Markdown (one clipping or all), the JSON backup, W3C Web Annotation JSON-LD. Read-only.
 * Markdown goes through turndown, which needs an HTML parser: run it in an extension page (popup,
 * reader), not in the service worker, which has no DOMParser.
 */

export interface MarkdownFile {
  /** A safe file name: "2024-04-27-iran-dm-discusses-cooperation.md" */
  name: string;
  markdown: string;
}

// ---------------------------------------------------------------- JSON backup

const stripId = <T extends { id?: number }>({ id: _id, ...rest }: T): Omit<T, 'id'> => rest;

/** The complete, versioned backup of the database (the search index is derived and rebuilt on import). */
export async function exportBackup(db: ClipmarkDB, now = new Date()): Promise<Backup> {
  return db.transaction('r', [db.clippings, db.annotations, db.entities, db.dates], async () => {
    const [clippings, annotations, entities, dates] = await Promise.all([
      db.clippings.toArray(),
      db.annotations.toArray(),
      db.entities.toArray(),
      db.dates.toArray(),
    ]);
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: now.toISOString(),
      clippings,
      annotations,
      entities: entities.map(stripId),
      dates: dates.map(stripId),
    };
  });
}

// ---------------------------------------------------------------- Markdown

let turndown: TurndownService | null = null;
function service(): TurndownService {
  if (!turndown) {
    turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '_' });
    turndown.remove(['script', 'style', 'noscript', 'iframe']);
  }
  return turndown;
}

const yaml = (s: string) => JSON.stringify(s);
const quote = (s: string) => s.replace(/\s+/g, ' ').trim();

function exactOf(a: Annotation): string {
  const q = a.selectors.find((s): s is Extract<Selector, { type: 'TextQuoteSelector' }> => s.type === 'TextQuoteSelector');
  return q?.exact ?? '';
}

function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'clipping'
  );
}

/** One clipping as Markdown: YAML front matter, the article, then highlights as blockquotes with notes. Pure. */
export function clippingToMarkdown(c: Clipping, annotations: Annotation[], entities: (EntityRow | BackupEntity)[], dates: (DateRow | BackupDate)[]): string {
  const fm: string[] = ['---', `title: ${yaml(c.title)}`, `url: ${yaml(c.url)}`];
  if (c.canonicalUrl !== c.url) fm.push(`canonical_url: ${yaml(c.canonicalUrl)}`);
  if (c.byline) fm.push(`byline: ${yaml(c.byline)}`);
  if (c.siteName) fm.push(`site: ${yaml(c.siteName)}`);
  if (c.lang) fm.push(`lang: ${yaml(c.lang)}`);
  if (c.publishedTime) fm.push(`published: ${yaml(c.publishedTime)}`);
  if (c.modifiedTime) fm.push(`modified: ${yaml(c.modifiedTime)}`);
  fm.push(`saved: ${yaml(new Date(c.savedAt).toISOString())}`);
  const mentioned = [...new Set(dates.filter((d) => d.role === 'mentioned').map((d) => d.value))].sort();
  if (mentioned.length) fm.push(`mentioned_dates: [${mentioned.map(yaml).join(', ')}]`);
  const kinds = (['person', 'organization', 'place'] as const)
    .map((k) => [k, [...new Set(entities.filter((e) => e.kind === k).map((e) => e.canonical))]] as const)
    .filter(([, names]) => names.length);
  if (kinds.length) {
    fm.push('entities:');
    for (const [k, names] of kinds) fm.push(`  ${k}: [${names.map(yaml).join(', ')}]`);
  }
  fm.push('---', '');

  const body = c.html ? service().turndown(c.html) : c.text || `[${c.title}](${c.url})`;
  const parts = [fm.join('\n'), `# ${c.title}`, '', body.trim(), ''];
  const notes = [...annotations].sort((a, b) => positionOf(a) - positionOf(b) || a.createdAt - b.createdAt);
  if (notes.length) {
    parts.push('## Highlights', '');
    for (const a of notes) {
      const exact = exactOf(a);
      if (exact) parts.push(`> ${quote(exact)}`);
      if (a.note) parts.push(...(exact ? [''] : []), ...a.note.split('\n').map((l, i) => (i === 0 ? `**Note:** ${l}` : l)));
      parts.push('');
    }
  }
  parts.push(`[Original](${c.url})`, '');
  return parts.join('\n');
}

function positionOf(a: Annotation): number {
  const p = a.selectors.find((s) => s.type === 'TextPositionSelector');
  return p?.type === 'TextPositionSelector' ? p.start : Number.MAX_SAFE_INTEGER;
}

async function markdownFor(db: ClipmarkDB, c: Clipping): Promise<MarkdownFile> {
  const [annotations, entities, dates] = await Promise.all([
    db.annotations.where('clippingId').equals(c.id).toArray(),
    db.entities.where('clippingId').equals(c.id).toArray(),
    db.dates.where('clippingId').equals(c.id).toArray(),
  ]);
  const day = new Date(c.savedAt).toISOString().slice(0, 10);
  return { name: `${day}-${slug(c.title)}.md`, markdown: clippingToMarkdown(c, annotations, entities, dates) };
}

/** One clipping as a Markdown file; null if there is no such clipping. */
export async function exportMarkdown(db: ClipmarkDB, clippingId: string): Promise<MarkdownFile | null> {
  const c = await db.clippings.get(clippingId);
  return c ? markdownFor(db, c) : null;
}

/** Every clipping as Markdown files (names made unique), newest saved first. */
export async function exportAllMarkdown(db: ClipmarkDB): Promise<MarkdownFile[]> {
  const all = await db.clippings.orderBy('savedAt').reverse().toArray();
  const files: MarkdownFile[] = [];
  const used = new Set<string>();
  for (const c of all) {
    const f = await markdownFor(db, c);
    let name = f.name;
    for (let i = 2; used.has(name); i++) name = f.name.replace(/\.md$/, `-${i}.md`);
    used.add(name);
    files.push({ ...f, name });
  }
  return files;
}

/**
 * Every clipping as its own Markdown file, in one zip (fflate): a folder of notes that Obsidian and the like read as
 * they are. Each file is dated with the day its clipping was saved.
 */
export async function exportAllMarkdownZip(db: ClipmarkDB): Promise<{ count: number; zip: Uint8Array }> {
  const { zipSync, strToU8 } = await import('fflate');
  const files = await exportAllMarkdown(db);
  const entries: Record<string, [Uint8Array, { level: 6; mtime?: Date }]> = {};
  for (const f of files) {
    // dated as saved (the name starts with the day)
    const day = /^(\d{4}-\d{2}-\d{2})/.exec(f.name)?.[1];
    const mtime = day && day >= '1980-01-01' ? new Date(`${day}T12:00:00Z`) : undefined;
    entries[`clipmark/${f.name}`] = [strToU8(f.markdown), mtime ? { level: 6, mtime } : { level: 6 }];
  }
  return { count: files.length, zip: zipSync(entries) };
}

// ---------------------------------------------------------------- W3C Web Annotation

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface WebAnnotation {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting';
  created: string;
  modified: string;
  body?: { type: 'TextualBody'; value: string; format: 'text/plain'; purpose: 'commenting' | 'tagging' }[];
  target: { source: string; selector: Record<string, unknown>[] };
}

export interface AnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { type: 'AnnotationPage'; startIndex: 0; items: WebAnnotation[] };
}

function w3cSelector(s: Selector): Record<string, unknown> {
  if (s.type !== 'RangeSelector') return { ...s };
  // W3C RangeSelector: start and end XPaths, each refined to its character offset.
  const end = (path: string, offset: number) => ({
    type: 'XPathSelector',
    value: path,
    refinedBy: { type: 'TextPositionSelector', start: offset, end: offset },
  });
  return { type: 'RangeSelector', startSelector: end(s.startContainer, s.startOffset), endSelector: end(s.endContainer, s.endOffset) };
}

/** One highlight as a W3C Web Annotation (a note becomes a TextualBody; the colour a tagging body). */
export function toWebAnnotation(a: Annotation): WebAnnotation {
  const body: NonNullable<WebAnnotation['body']> = [];
  if (a.note) body.push({ type: 'TextualBody', value: a.note, format: 'text/plain', purpose: 'commenting' });
  body.push({ type: 'TextualBody', value: `color:${a.color}`, format: 'text/plain', purpose: 'tagging' });
  return {
    '@context': ANNO_CONTEXT,
    id: `urn:uuid:${a.id}`,
    type: 'Annotation',
    motivation: a.note ? 'commenting' : 'highlighting',
    created: new Date(a.createdAt).toISOString(),
    modified: new Date(a.updatedAt).toISOString(),
    body,
    target: { source: a.pageUrl, selector: a.selectors.map(w3cSelector) },
  };
}

/** The highlights of one clipping, or all of them, as a W3C AnnotationCollection. */
export async function exportWebAnnotations(db: ClipmarkDB, clippingId?: string): Promise<AnnotationCollection> {
  const rows = clippingId === undefined ? await db.annotations.orderBy('createdAt').toArray() : await db.annotations.where('clippingId').equals(clippingId).sortBy('createdAt');
  const items = rows.map(toWebAnnotation);
  return {
    '@context': ANNO_CONTEXT,
    type: 'AnnotationCollection',
    label: 'Clipmark highlights',
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}
