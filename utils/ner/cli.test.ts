import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The analyze CLI (scripts/analyze.ts), run as a user would. */
const tsx = path.resolve('node_modules/.bin/tsx');
const cli = (...args: string[]) => spawnSync(tsx, ['scripts/analyze.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clipmark-cli-'));
const write = (name: string, data: string | Buffer) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, data);
  return f;
};
const oneLineError = (r: ReturnType<typeof cli>) => {
  expect(r.status).not.toBe(0);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  return r.stderr.trim();
};

describe('analyze CLI', () => {
  it('prints one JSON object for the seed page, with offsets into title or text', () => {
    const r = cli('fixtures/pages/seed-page/source.html');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      title: string; text: string; publishedTime: string;
      entities: { kind: string; text: string; canonical: string; start: number; end: number; in: 'title' | 'body' }[];
      dates: { text: string; value: string; precision: string; start: number; end: number; in: 'title' | 'body' }[];
    };
    expect(Object.keys(out)).toEqual(['title', 'byline', 'siteName', 'lang', 'publishedTime', 'text', 'entities', 'dates']);
    expect(out.publishedTime).toBe('2024-04-26T10:00:00Z');
    for (const e of [...out.entities, ...out.dates]) expect((e.in === 'title' ? out.title : out.text).slice(e.start, e.end)).toBe(e.text);
    expect(out.entities.some((e) => e.kind === 'person' && e.canonical === 'Sergei Shoigu')).toBe(true);
    expect(out.dates.find((d) => d.text === 'April 13')?.value).toBe('2024-04-13');
  });

  it('reads a .txt article and resolves dates against --published', () => {
    const f = write('a.txt', 'Obama visits Kenya\n\nPresident Barack Obama arrived in Nairobi on Friday.\n');
    const r = cli(f, '--published', '2015-07-24');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { title: string; entities: { text: string; kind: string }[]; dates: { text: string; value: string }[] };
    expect(out.title).toBe('Obama visits Kenya');
    expect(out.entities.map((e) => `${e.kind}:${e.text}`)).toEqual(expect.arrayContaining(['person:Barack Obama', 'place:Nairobi']));
    expect(out.dates).toEqual([expect.objectContaining({ text: 'Friday', value: '2015-07-24' })]);
  });

  it('fails with a one-line error for a missing file', () => {
    expect(oneLineError(cli(path.join(tmp, 'missing.html')))).toMatch(/no such file/);
  });

  it('fails with a one-line error for a file that is not HTML', () => {
    expect(oneLineError(cli(write('data.json', '{"a": 1}')))).toMatch(/not an HTML/);
    expect(oneLineError(cli(write('fake.html', 'just some words, no markup at all')))).toMatch(/not HTML/);
    expect(oneLineError(cli(write('bin.html', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]))))).toMatch(/binary/);
  });

  it('fails with a one-line error for an empty page', () => {
    expect(oneLineError(cli(write('empty.html', '<!doctype html><html><head><title>x</title></head><body></body></html>')))).toMatch(/empty/);
    expect(oneLineError(cli(write('empty.txt', '   \n')))).toMatch(/empty/);
  });

  it('fails with a one-line error for bad arguments', () => {
    expect(oneLineError(cli())).toMatch(/no FILE/);
    expect(oneLineError(cli('fixtures/pages/seed-page/source.html', '--published', 'April'))).toMatch(/YYYY-MM-DD/);
  });
});
