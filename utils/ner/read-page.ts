/** Node only. Shared by the CLI and the eval: read a saved .html page (through the extension's extraction) or a .txt article. */
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '@/utils/extract';

export interface PageText {
  title: string;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
  text: string;
  /** Where the text is set in italics (absent for a .txt article). */
  emphasis?: [number, number][];
}

export class InputError extends Error {}

export function readPage(file: string, url?: string): PageText {
  if (!fs.existsSync(file)) throw new InputError(`no such file: ${file}`);
  const st = fs.statSync(file);
  if (!st.isFile()) throw new InputError(`not a file: ${file}`);
  const raw = fs.readFileSync(file);
  if (raw.includes(0)) throw new InputError(`not an HTML or text file (binary data): ${file}`);
  const src = raw.toString('utf8');
  const ext = path.extname(file).toLowerCase();
  if (ext === '.txt') {
    const text = src.replace(/\r\n?/g, '\n').trim();
    if (!text) throw new InputError(`empty article: ${file}`);
    const nl = text.indexOf('\n');
    const first = nl < 0 ? text : text.slice(0, nl).trim();
    // a short first line followed by a blank line is the title
    const hasTitle = nl > 0 && first.length <= 200 && /^\n\s*\n/.test(text.slice(nl));
    return { title: hasTitle ? first : '', byline: null, siteName: null, lang: null, publishedTime: null, text: hasTitle ? text.slice(nl).trim() : text };
  }
  if (ext !== '.html' && ext !== '.htm' && ext !== '.xhtml') throw new InputError(`not an HTML (.html) or text (.txt) file: ${file}`);
  if (!/<(?:!doctype\s+html|html|head|body|p|div|article)[\s>]/i.test(src)) throw new InputError(`not HTML: ${file}`);
  const pageUrl = url ?? 'file://' + path.resolve(file);
  const dom = new JSDOM(src, { url: pageUrl, virtualConsole: new VirtualConsole() });
  const r = extractArticle(dom.window.document, { url: pageUrl, force: true });
  dom.window.close();
  if (!r.ok) throw new InputError(`${r.reason === 'empty' ? 'empty page' : r.reason}: ${r.message} (${file})`);
  const a = r.article;
  if (!a.text.trim()) throw new InputError(`empty page: no article text (${file})`);
  return { title: a.title, byline: a.byline, siteName: a.siteName, lang: a.lang, publishedTime: a.publishedTime, text: a.text, emphasis: a.emphasis };
}
