/**
 * Generated pages that try to hang or break extraction: sizes, node counts and nesting far beyond real articles, and
 * markup or bytes that are not HTML at all. Each is served on loopback and saved through the extension.
 */

const SENTENCE = 'The regional council approved the budget for the river embankment after a long debate about costs and timing. ';

function article(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>${body}</article></body></html>`;
}

export interface StressPage {
  name: string;
  what: string;
  body: string | Buffer;
  type?: string;
}

export function stressPages(): StressPage[] {
  const pages: StressPage[] = [];

  // 10 MB of article text in ~20,000 paragraphs (under the element limit, so Readability really runs on it).
  const para = `<p>${SENTENCE.repeat(4)}</p>\n`;
  const tenMb = article('Ten megabytes of council news', para.repeat(Math.ceil(10_000_000 / para.length)));
  pages.push({ name: 'stress-10mb', what: `10 MB article (${(tenMb.length / 1e6).toFixed(1)} MB)`, body: tenMb });

  // 100,000 elements.
  const cells = '<div class="c"><span>cell</span> <b>x</b> <i>y</i></div>\n'.repeat(25_000);
  pages.push({ name: 'stress-100k-nodes', what: '100,000 elements', body: article('A hundred thousand nodes', `<p>${SENTENCE.repeat(5)}</p>${cells}`) });

  // 5,000 levels of nesting with the article at the bottom.
  const depth = 5_000;
  pages.push({
    name: 'stress-deep-nesting', what: `${depth} nested levels`,
    body: article('Deeply nested', `${'<div>'.repeat(depth)}<p>${SENTENCE.repeat(6)}</p><p>${SENTENCE.repeat(6)}</p>${'</div>'.repeat(depth)}`),
  });

  // Nesting of inline formatting elements (the adoption agency algorithm's worst case) and unclosed tags everywhere.
  pages.push({
    name: 'broken-unclosed', what: 'unclosed and misnested tags',
    body: `<html><head><title>Unclosed<body><article><h1>Unclosed tags<p>${SENTENCE}<b><i><u>${SENTENCE.repeat(3)}<p>${'<b><i><a href=x><font><table><tr><td>'.repeat(300)}${SENTENCE.repeat(5)}<div><p>${SENTENCE.repeat(5)}</i></b></u></table></span></div></div></div></article>`,
  });

  // Garbage bytes: invalid UTF-8, NULs, control characters, half an HTML tag.
  const garbage = Buffer.alloc(400_000);
  let seed = 42;
  for (let i = 0; i < garbage.length; i++) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; garbage[i] = seed & 0xff; }
  pages.push({ name: 'broken-garbage-bytes', what: '400 KB of random bytes as text/html', body: Buffer.concat([Buffer.from('<html><head><title>Garbage</title></head><body><p>'), garbage]) , type: 'text/html; charset=utf-8' });

  // Declared encoding that lies, with a BOM for another.
  pages.push({
    name: 'broken-encoding', what: 'UTF-16 BOM on a page declared as Shift_JIS',
    body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(article('Encoding', `<p>${SENTENCE.repeat(8)}</p>`), 'utf8')]),
    type: 'text/html; charset=shift_jis',
  });

  // A page that is just a huge <pre>.
  pages.push({ name: 'broken-huge-pre', what: '5 MB in one <pre>', body: `<!doctype html><title>Log</title><pre>${'2024-05-01 12:00:00 INFO request served in 12 ms path=/api/items?id=42\n'.repeat(70_000)}</pre>` });

  // No body text at all, and an empty document.
  pages.push({ name: 'broken-empty', what: 'an empty document', body: '' });
  pages.push({ name: 'broken-only-scripts', what: 'nothing but scripts and styles', body: `<html><head><style>${'a{color:red}'.repeat(1000)}</style></head><body><script>var x = 1;</script></body></html>` });
  return pages;
}
