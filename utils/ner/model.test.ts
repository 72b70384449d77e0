import { describe, expect, it } from 'vitest';
import { LABELS, NL, hash32, hcat, shape } from './features';
import { encodeModel, parseModel, viterbi, bucketOf } from './model';
import { Gazetteer } from './gazetteer';

const gaz = { countries: ['Iran', 'United States'], regions: ['Middle East'], cities: ['Tehran', 'New York'] };

describe('model encoding', () => {
  it('round-trips sparse int8 rows and transitions', () => {
    const buckets = Uint32Array.from([3, 17, 4_000_000]);
    const weights = new Int8Array(buckets.length * NL).map((_, i) => ((i * 37) % 255) - 127);
    const trans = new Float32Array((NL + 1) * NL).map((_, i) => i / 10);
    const m = parseModel(encodeModel(buckets, weights, 0.25, trans), gaz);
    expect(m.scale).toBeCloseTo(0.25);
    expect(Array.from(m.trans)).toEqual(Array.from(trans));
    buckets.forEach((b, r) => {
      const row = m.rows.get(b);
      expect(row).toBe(r);
      expect(Array.from(m.weights.slice(row * NL, row * NL + NL))).toEqual(Array.from(weights.slice(r * NL, r * NL + NL)));
    });
    expect(m.rows.get(5)).toBe(-1);
  });

  it('rejects data that is not a model', () => {
    expect(() => parseModel(new Uint8Array(64), gaz)).toThrow(/bad magic/);
  });
});

describe('viterbi', () => {
  it('never produces I-X after O or after another type', () => {
    // emissions strongly prefer I-PER everywhere; the start and O->I transitions are not allowed
    const n = 3;
    const em = new Float32Array(n * NL);
    const iPer = LABELS.indexOf('I-PER');
    const bPer = LABELS.indexOf('B-PER');
    for (let i = 0; i < n; i++) { em[i * NL + iPer] = 10; em[i * NL + bPer] = 1; }
    const out = Array.from(viterbi(em, n, new Float32Array((NL + 1) * NL)), (l) => LABELS[l]);
    expect(out).toEqual(['B-PER', 'I-PER', 'I-PER']);
  });
});

describe('features', () => {
  it('hashes incrementally like the whole string', () => {
    expect(hcat(hcat(0x811c9dc5, 'w='), 'iran') >>> 0).toBe(hash32('w=iran'));
    expect(bucketOf(0xffffffff)).toBe((1 << 22) - 1);
  });
  it('computes word shapes, diacritics included', () => {
    expect(shape('Māori')).toBe('Xx');
    expect(shape('U.S.')).toBe('X.X.');
    expect(shape('IRGC')).toBe('X');
    expect(shape('1990s')).toBe('dx');
  });
});

describe('gazetteer', () => {
  it('matches the longest capitalised entry', () => {
    const g = new Gazetteer(gaz);
    expect(g.match(['in', 'new', 'york', 'and', 'iran'], [false, true, true, false, true])).toEqual([
      { start: 1, end: 3, type: 'city' },
      { start: 4, end: 5, type: 'country' },
    ]);
    expect(g.match(['new', 'york'], [false, false])).toEqual([]);
  });
});
