import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type ClipmarkDB } from '@/utils/db';
import { archiveByPublished, archiveBySaved, dateLabel, entityView, mentionedTimeline, suggestEntities } from '@/utils/archive';
import { indexClipping } from '@/utils/search';
import { fixturePage, makeClipping, put, seedExtras } from '@/fixtures/test-data';

let db: ClipmarkDB;
let n = 0;
beforeEach(async () => {
  db = openDb(`archive-test-${++n}`);
  await db.open();
});
afterEach(() => db.close());

const noon = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12).getTime();

async function world() {
  const seed = fixturePage('seed-page');
  const a = makeClipping({ id: 'seed', title: seed.title, text: seed.text, savedAt: noon(2024, 4, 27), publishedTime: '2024-04-26T10:00:00Z' });
  const b = makeClipping({ id: 'b', title: 'Second look at the strikes', text: 'On April 13 drones were launched. Shoigu said nothing.', savedAt: noon(2024, 4, 27) + 3600_000, publishedTime: '2024-04-14T08:00:00+02:00' });
  const c = makeClipping({ id: 'c', title: 'A month later', text: 'Looking back at April 13.', savedAt: noon(2024, 5, 20), publishedTime: null });
  const ex = seedExtras('seed');
  const more = [
    { clippingId: 'b', kind: 'person' as const, canonical: 'Sergei Shoigu', key: 'sergei shoigu', surfaces: ['Shoigu'], mentions: 1 },
    { clippingId: 'c', kind: 'person' as const, canonical: 'Sergei Lavrov', key: 'sergei lavrov', surfaces: ['Lavrov'], mentions: 1 },
  ];
  const dates = [
    { clippingId: 'b', role: 'mentioned' as const, value: '2024-04-13', precision: 'day' as const, text: 'April 13' },
    { clippingId: 'c', role: 'mentioned' as const, value: '2024-04-13', precision: 'day' as const, text: 'April 13' },
  ];
  await put(db, [a, b, c], [], [...ex.entities, ...more], [...ex.dates, ...dates]);
  for (const id of ['seed', 'b', 'c']) await indexClipping(db, id);
}

describe('archive', () => {
  it('groups clippings by day and month of saving, newest first', async () => {
    await world();
    const { months, next } = await archiveBySaved(db);
    expect(next).toBeNull();
    expect(months.map((m) => [m.label, m.count])).toEqual([['May 2024', 1], ['April 2024', 2]]);
    expect(months[1]!.days.map((d) => [d.day, d.label, d.clippings.map((c) => c.id)])).toEqual([
      ['2024-04-27', 'Saturday, April 27, 2024', ['b', 'seed']],
    ]);
    const page = await archiveBySaved(db, { limit: 2 });
    expect(page.months.flatMap((m) => m.days.flatMap((d) => d.clippings.map((c) => c.id)))).toEqual(['c', 'b']);
    const rest = await archiveBySaved(db, { limit: 2, before: page.next as number });
    expect(rest.months[0]!.days[0]!.clippings.map((c) => c.id)).toEqual(['seed']);
  });

  it('groups by published day, leaving out undated clippings', async () => {
    await world();
    const { months } = await archiveByPublished(db);
    expect(months.flatMap((m) => m.days.map((d) => [d.day, d.clippings.map((c) => c.id)]))).toEqual([
      ['2024-04-26', ['seed']],
      ['2024-04-14', ['b']],
    ]);
  });

  it('shows a timeline of mentioned dates with how many clippings mention each', async () => {
    await world();
    const tl = await mentionedTimeline(db);
    expect(tl.map((d) => d.value)).toEqual(['2024-04-13', '2024-04-01', '2024-04']);
    expect(tl[0]!.summary).toBe('April 13, 2024 — mentioned in 3 clippings');
    expect(tl[0]!.clippingIds.sort()).toEqual(['b', 'c', 'seed']);
    expect(tl[2]!.label).toBe('April 2024');
    expect(tl[2]!.texts).toEqual(['earlier this month']);
    expect((await mentionedTimeline(db, { from: '2024-04-02', to: '2024-04-30' })).map((d) => d.value)).toEqual(['2024-04-13']);
    expect(dateLabel('2024')).toBe('2024');
  });

  it('lists every clipping that mentions one entity', async () => {
    await world();
    const v = await entityView(db, 'person', 'sergei shoigu');
    expect(v!.canonical).toBe('Sergei Shoigu');
    expect(v!.clippings.map((c) => [c.id, c.mentions])).toEqual([['b', 1], ['seed', 3]]);
    expect(await entityView(db, 'place', 'atlantis')).toBeNull();
  });

  it('suggests entity chips for a typed prefix, by last name and by full name', async () => {
    await world();
    const s = await suggestEntities(db, 'Shoigu');
    expect(s[0]).toMatchObject({ kind: 'person', key: 'sergei shoigu', canonical: 'Sergei Shoigu', clippings: 2 });
    expect((await suggestEntities(db, 'shoi')).map((e) => e.key)).toEqual(['sergei shoigu']);
    expect((await suggestEntities(db, 'serg')).map((e) => e.key)).toEqual(['sergei shoigu', 'sergei lavrov']);
    expect((await suggestEntities(db, 'irgc')).map((e) => e.canonical)).toEqual(['Islamic Revolution Guards Corps']);
    expect(await suggestEntities(db, 'shoig', { kind: 'place' })).toEqual([]);
    expect(await suggestEntities(db, 'zzz')).toEqual([]);
  });

  it('keeps chip counts right as clippings that name an entity are added and deleted while the popup is open', async () => {
    await world();
    expect((await suggestEntities(db, 'shoig'))[0]).toMatchObject({ key: 'sergei shoigu', clippings: 2 });
    const d = makeClipping({ id: 'd', title: 'Defence ministers meet', text: 'Sergei Shoigu met his counterparts.', savedAt: noon(2024, 6, 1) });
    await put(db, [d], [], [{ clippingId: 'd', kind: 'person', canonical: 'Sergei Shoigu', key: 'sergei shoigu', surfaces: ['Sergei Shoigu'], mentions: 1 }], []);
    await indexClipping(db, 'd');
    // the counts follow each write just after it commits (applied from the queue it wrote), with no call from here
    await expect.poll(async () => (await suggestEntities(db, 'shoigu'))[0]).toMatchObject({ key: 'sergei shoigu', clippings: 3 });
    await db.entities.where('clippingId').anyOf(['b', 'd']).delete();
    await expect.poll(async () => (await suggestEntities(db, 'shoigu'))[0]).toMatchObject({ key: 'sergei shoigu', clippings: 1 });
    // the last clipping that names him loses its entities: no chip for him any more
    await db.entities.where('clippingId').equals('seed').delete();
    await expect.poll(async () => (await suggestEntities(db, 'shoigu')).map((e) => e.key)).not.toContain('sergei shoigu');
  });
});
