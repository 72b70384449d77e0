import { describe, expect, it } from 'vitest';
import { MIRROR_KEY, newVersion, popupPath, readMirror, versionOf, writeMirror } from '@/utils/recent-mirror';
import type { ClippingCardRow } from '@/utils/db';

const card = (id: string): ClippingCardRow => ({
  id, url: `https://n.example/${id}`, title: `Title ${id}`, siteName: 'N', byline: null, excerpt: '', publishedTime: null,
  isArticle: true, savedAt: 1, updatedAt: 1,
});

function memoryStorage() {
  const m = new Map<string, string>();
  return { m, getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('the popup\'s copy of its recent list', () => {
  it('reads the version from the popup\'s address, and makes the address of a new one', () => {
    expect(versionOf('chrome-extension://abc/popup.html?v=k3x9')).toBe('k3x9');
    expect(versionOf('chrome-extension://abc/popup.html')).toBeNull();
    expect(versionOf('chrome-extension://abc/popup.html?v=')).toBeNull();
    expect(versionOf('not a url')).toBeNull();
    const v = newVersion();
    expect(versionOf(`chrome-extension://abc/${popupPath(v)}`)).toBe(v);
    expect(newVersion(1)).not.toBe(newVersion(1));
  });

  it('is given back only under the version it was written for, cut to the limit', () => {
    const s = memoryStorage();
    writeMirror(s, 'a', [card('1'), card('2'), card('3')]);
    expect(readMirror(s, 'a', 2)?.map((c) => c.id)).toEqual(['1', '2']);
    expect(readMirror(s, 'b', 50)).toBeNull();
    expect(readMirror(s, null, 50)).toBeNull();
    expect(readMirror(undefined, 'a', 50)).toBeNull();
  });

  it('is neither written nor trusted without a version', () => {
    const s = memoryStorage();
    writeMirror(s, null, [card('1')]);
    expect(s.m.size).toBe(0);
  });

  it('anything unexpected in storage, or a full storage, only loses the copy', () => {
    const s = memoryStorage();
    for (const junk of ['{', 'null', '"x"', '{"version":"a","cards":"no"}', '{"version":"b","cards":[]}']) {
      s.m.set(MIRROR_KEY, junk);
      expect(readMirror(s, 'a', 50)).toBeNull();
    }
    const full = { setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(() => writeMirror(full, 'a', [card('1')])).not.toThrow();
  });
});
