import { describe, expect, it, vi } from 'vitest';
import { answerPageStart } from '@/utils/page-start';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings-model';

function deps(settings: Partial<Settings> = {}, highlights = 2) {
  const countHighlights = vi.fn(async () => highlights);
  return { countHighlights, readSettings: async () => ({ ...DEFAULT_SETTINGS, ...settings }) };
}

describe('the loader starting on a page', () => {
  it('gets the settings and the highlights of a page that is not an article', async () => {
    const d = deps();
    const r = await answerPageStart(d, { pageUrl: 'https://shop.example/a', article: false }, 'https://shop.example/a');
    expect(r).toEqual({ settings: DEFAULT_SETTINGS, highlights: 2 });
    expect(d.countHighlights).toHaveBeenCalledWith('https://shop.example/a');
  });

  it('looks nothing up on a site where Clipmark is off (the frame address decides, subdomains too)', async () => {
    const d = deps({ disabledSites: ['example.com'] });
    const r = await answerPageStart(d, { pageUrl: 'https://other.example/x', article: false }, 'https://news.example.com/story');
    expect(r.highlights).toBeNull();
    expect(r.settings.disabledSites).toEqual(['example.com']);
    expect(d.countHighlights).not.toHaveBeenCalled();
  });

  it('skips the lookup for an article painted anyway, not for one painted only when asked', async () => {
    const auto = deps();
    expect((await answerPageStart(auto, { pageUrl: 'https://n.example/a', article: true }, 'https://n.example/a')).highlights).toBeNull();
    expect(auto.countHighlights).not.toHaveBeenCalled();
    const manual = deps({ autoHighlight: false }, 0);
    expect((await answerPageStart(manual, { pageUrl: 'https://n.example/a', article: true }, 'https://n.example/a')).highlights).toBe(0);
  });

  it('passes on a refused lookup (a page asking about another site) as an error', async () => {
    const d = { readSettings: async () => DEFAULT_SETTINGS, countHighlights: async () => { throw new Error('Refused: a page may only see and change its own highlights.'); } };
    await expect(answerPageStart(d, { pageUrl: 'https://bank.example/', article: false }, 'https://evil.example/')).rejects.toThrow(/Refused/);
  });
});
