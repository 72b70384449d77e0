import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRecognizer, summarizeEntities, type EntitySpan, type Recognizer } from './entities';
import { findDates } from './dates';
import { loadModelFromDisk } from './ner/load-node';
import { readPage } from './ner/read-page';

let rec: Recognizer;
beforeAll(async () => {
  rec = createRecognizer(await loadModelFromDisk());
});

const run = (text: string, title = '') => rec.recognize(title, text);
const kinds = (spans: EntitySpan[]) => spans.map((s) => `${s.kind}:${s.text}`);
const has = (spans: EntitySpan[], kind: string, text: string) => spans.some((s) => s.kind === kind && s.text === text);

describe('recognize: spans', () => {
  it('gives offsets into the title or the text', () => {
    const title = 'Iran and China hold talks';
    const text = 'Officials from Iran met in Beijing.';
    for (const s of run(text, title)) expect((s.in === 'title' ? title : text).slice(s.start, s.end)).toBe(s.text);
  });

  it('keeps titles and roles out of names', () => {
    const spans = run('Defense Minister Sergei Shoigu met Brigadier General Mohammad Reza Ashtiani in Tehran.');
    expect(kinds(spans)).toEqual(['person:Sergei Shoigu', 'person:Mohammad Reza Ashtiani', 'place:Tehran']);
  });

  it('does not take demonyms for places', () => {
    const spans = run('Russian and Chinese officials met Iranian and Israeli diplomats on Tuesday.');
    expect(spans.filter((s) => s.kind === 'place')).toEqual([]);
  });

  it('gives the bare name for possessives, with straight or curly apostrophes', () => {
    const spans = run("Iran's embassy was hit by Israel’s airstrike.");
    expect(kinds(spans)).toEqual(['place:Iran', 'place:Israel']);
  });

  it('takes all-caps datelines for places', () => {
    const spans = run('MOSCOW — Russia said on Monday that talks would go on.');
    expect(has(spans, 'place', 'MOSCOW')).toBe(true);
    expect(spans.find((s) => s.text === 'MOSCOW')!.canonical).toBe('Moscow');
  });

  it('reads names through soft hyphens and zero-width characters', () => {
    const text = 'Prime Minister Benjamin Netan\u00ADyahu met President Vladimir Pu\u200Btin.';
    const people = run(text).filter((s) => s.kind === 'person');
    expect(people.map((s) => s.canonical)).toEqual(['Benjamin Netanyahu', 'Vladimir Putin']);
    expect(people.map((s) => text.slice(s.start, s.end))).toEqual(['Benjamin Netan\u00ADyahu', 'Vladimir Pu\u200Btin']);
  });

  it('is not broken by diacritics or curly quotes', () => {
    const spans = run('“We will stand firm,” said Rawiri Waititi, co-leader of the Māori Party, in Wellington.');
    expect(has(spans, 'person', 'Rawiri Waititi')).toBe(true);
    expect(has(spans, 'organization', 'Māori Party')).toBe(true);
    expect(has(spans, 'place', 'Wellington')).toBe(true);
  });

  it('joins surnames and acronyms to their full names', () => {
    const spans = run('Sergei Shoigu arrived on Monday. Later Shoigu said the Shanghai Cooperation Organization (SCO) mattered. The SCO met again.');
    const shoigu = spans.filter((s) => s.text === 'Shoigu');
    expect(shoigu.map((s) => [s.kind, s.canonical])).toEqual([['person', 'Sergei Shoigu']]);
    const sco = spans.filter((s) => s.text === 'SCO');
    expect(sco).toHaveLength(2);
    for (const s of sco) expect([s.kind, s.canonical]).toEqual(['organization', 'Shanghai Cooperation Organization']);
  });

  it('handles a Chinese name with the surname first, and no date in it', () => {
    const text = 'The Iranian official also met Chinese counterpart Dong Jun. Dong said China supports Iran.';
    const spans = run(text);
    expect(spans.filter((s) => s.kind === 'person').map((s) => [s.text, s.canonical])).toEqual([['Dong Jun', 'Dong Jun'], ['Dong', 'Dong Jun']]);
    expect(findDates('', text, '2024-04-26')).toEqual([]);
  });

  it('needs a headline entity to be named in the body or known as a place', () => {
    const spans = run('Officials met in Khartoum on Friday.', 'United States to Lift Sudan Sanctions');
    const title = spans.filter((s) => s.in === 'title');
    expect(kinds(title)).toEqual(['place:United States']);
  });


  it('splits two organisations joined by "and", but not one whose name runs through it', () => {
    const spans = run('Executives from News Corporation and Fairfax met officials of the Department of Health and Human Services.');
    expect(has(spans, 'organization', 'News Corporation')).toBe(true);
    expect(has(spans, 'organization', 'Fairfax')).toBe(true);
    expect(has(spans, 'organization', 'News Corporation and Fairfax')).toBe(false);
  });

  it('takes a nationality and an organisation head for one organisation, and its officer for a person', () => {
    const spans = run('The Palestinian Authority met Australian Federal Police Commissioner Andrew Colvin in Canberra.');
    expect(kinds(spans)).toEqual(['organization:Palestinian Authority', 'organization:Australian Federal Police', 'person:Andrew Colvin', 'place:Canberra']);
  });

  it('finds organisations by the roles and words around them', () => {
    const spans = run('It did not work on Snapchat CEO Evan Spiegel, and Netanyahu’s Likud party won the vote.');
    expect(has(spans, 'organization', 'Snapchat')).toBe(true);
    expect(has(spans, 'person', 'Evan Spiegel')).toBe(true);
    expect(has(spans, 'organization', 'Likud')).toBe(true);
  });

  it('finds names by the nouns around them: "rescue group Project Jonah", "the Manu Taupunga group", "the coast of Kaupokonui"', () => {
    const spans = run('Kauri is a member of the Manu Taupunga group and lives on the coast of Kaupokonui, where the rescue group Project Jonah works.');
    expect(has(spans, 'organization', 'Manu Taupunga')).toBe(true);
    expect(has(spans, 'place', 'Kaupokonui')).toBe(true);
    expect(has(spans, 'organization', 'Project Jonah')).toBe(true);
    expect(has(run('He left the company Elon Musk founded.'), 'person', 'Elon Musk')).toBe(true);
  });

  it('knows a president by his administration, a politician’s state, a university and a company by one word', () => {
    const spans = run('In the Carter administration, Tim Kaine, a Virginia Democrat, studied at Harvard before he joined Apple.');
    expect(kinds(spans)).toEqual(['person:Carter', 'person:Tim Kaine', 'place:Virginia', 'organization:Harvard', 'organization:Apple']);
  });

  it('takes the title of a work or product (a quoted name, a numbered sequel) for no name, but not a quote that holds one', () => {
    const spans = run('The HTC Vive game “Job Simulator” might be the best, with Forza Motorsport 7 close behind. “Obama was right,” Kerry said.');
    expect(spans.filter((s) => /Job Simulator|Forza/.test(s.text))).toEqual([]);
    expect(has(spans, 'person', 'Obama')).toBe(true);
  });

  it('takes products and platforms for no organisation, but not an organisation named after one', () => {
    const spans = run('Microsoft sells the Xbox One and Xbox Live; Mozilla makes Firefox, and the Linux Foundation backs it.');
    expect(kinds(spans)).toEqual(['organization:Microsoft', 'organization:Mozilla', 'organization:Linux Foundation']);
  });

  it('takes no common abbreviation or model number for a name', () => {
    const spans = run('The Xbox One X has a faster GPU, 16GB DDR3 RAM, HDMI and USB ports, and runs VR at 60 fps on a PC.');
    expect(spans.filter((s) => /^(?:GPU|RAM|HDMI|USB|VR|PC)$|\d/.test(s.text))).toEqual([]);
  });

  it('takes no name from a line in Title Case (a subheading, a print headline) that the prose does not name', () => {
    const text = 'The Birth of Chaos\n\nIn the fall of 2017, Daniel Rothman of MIT spoke in Boston.\n\nWhat May Soon Exceed Cost of U.S. Military? Interest on U.S. Debt';
    const spans = run(text);
    expect(kinds(spans).filter((k) => !k.endsWith(':U.S.'))).toEqual(['person:Daniel Rothman', 'organization:MIT', 'place:Boston']);
  });

  it('knows places by their head words and states of the past, and products by theirs', () => {
    const spans = run('Immigrants came from the former Soviet Union to the Western Wall. She paid with Apple Pay on her Vision Pro.');
    expect(has(spans, 'place', 'Soviet Union')).toBe(true);
    expect(has(spans, 'place', 'Western Wall')).toBe(true);
    expect(spans.filter((s) => s.kind === 'person')).toEqual([]);
  });
  it('takes no name from a common word capitalised as a heading or a feature, anywhere in the text', () => {
    const spans = run('Improved security features: Vidyard now offers Pro, Teams, and Business plans.\n\nPerformance\n\nThe console runs games in 4K. The Messages app got an update, said John Smith.');
    for (const w of ['Performance', 'Teams', 'Business', 'Messages']) expect(spans.some((s) => s.text === w)).toBe(false);
    expect(has(spans, 'person', 'John Smith')).toBe(true);
  });

  it('takes "CEO of Vidyard" for the organisation, not a person, and splits "Mitch McConnell of Kentucky"', () => {
    const spans = run('“Video is huge,” says Michael Litt, co-founder and CEO of Vidyard. In 2013, Senator Mitch McConnell of Kentucky called the debt a problem, as did the Bank of England.');
    expect(kinds(spans)).toEqual(['person:Michael Litt', 'organization:Vidyard', 'person:Mitch McConnell', 'place:Kentucky', 'organization:Bank of England']);
  });

  it('keeps a capital "The" inside a sentence as part of the name, and runs an organisation through "for a"', () => {
    const spans = run('He joined The Times in 2007. The court at The Hague ruled. Marc Goldwein works at the Committee for a Responsible Federal Budget.');
    expect(has(spans, 'organization', 'The Times')).toBe(true);
    expect(has(spans, 'place', 'The Hague')).toBe(true);
    expect(has(spans, 'organization', 'Committee for a Responsible Federal Budget')).toBe(true);
  });

  it('takes no name from the title of a work set in italics, nor from that title written elsewhere; a publication in italics stays an organisation', () => {
    const text = 'He loved Harry Potter and the Chamber of Secrets, said John Smith of The New York Times.\n\nHarry Potter and the Chamber of Secrets sold well.';
    const at = (phrase: string): [number, number] => [text.indexOf(phrase), text.indexOf(phrase) + phrase.length];
    const plain = run(text);
    expect(plain.some((s) => /Harry|Chamber/.test(s.text))).toBe(true); // what the hint changes
    const spans = rec.recognize('', text, [at('Harry Potter and the Chamber of Secrets'), at('The New York Times')]);
    expect(spans.some((s) => /Harry|Chamber/.test(s.text))).toBe(false);
    expect(has(spans, 'person', 'John Smith')).toBe(true);
    expect(has(spans, 'organization', 'The New York Times') || has(spans, 'organization', 'New York Times')).toBe(true);
  });

  it('takes events, awards and eras for no organisation or person', () => {
    const spans = run('After the Great Depression and World War II, she won the Presidential Medal of Freedom, said John Smith.');
    expect(kinds(spans)).toEqual(['person:John Smith']);
  });

  it('keeps a Korean given name whole, and no adjective made with a hyphen', () => {
    const spans = run('President Moon Jae-in met Lee Jae-myung on Monday. The Bush-era rules stayed.');
    expect(kinds(spans)).toEqual(['person:Moon Jae-in', 'person:Lee Jae-myung']);
  });

  it('joins a place to the institution it names and a university to its campus, but not to a country', () => {
    const spans = run('He went to Florida State University. She studied at the University of California, San Diego, in 1960. He went to the University of Oxford, England.');
    expect(kinds(spans)).toEqual(['organization:Florida State University', 'organization:University of California, San Diego', 'organization:University of Oxford', 'place:England']);
  });

  it('takes a company’s product and a bill for no organisation', () => {
    const spans = run('The TV supports Dolby Atmos and Dolby Vision, runs on an Intel Core chip, and Dolby said so. The Data Retention Bill passed.');
    expect(kinds(spans)).toEqual(['organization:Dolby']);
  });

  it('keeps what the words around a name vouch for when the tagger alone is unsure: "the House", "the Islamic State group", "As Mashable reports"', () => {
    const spans = run('Republicans in the House want the tax cuts kept. The Islamic State group claimed the attack. As Mashable reports, the company agreed.');
    expect(has(spans, 'organization', 'House')).toBe(true);
    expect(has(spans, 'organization', 'Islamic State')).toBe(true);
    expect(has(spans, 'organization', 'Mashable')).toBe(true);
  });

  it('takes a short line of capitalised words for a subheading, not a credit, and a role after an organisation for no part of it', () => {
    const spans = run('Installer & Updater\n\nThe installer was fixed.\n\nJane Smith/AOL\n\nThe FSF Directors met on Monday.');
    expect(kinds(spans)).toEqual(['person:Jane Smith', 'organization:AOL', 'organization:FSF']);
    // a byline on its own line is a name, not a subheading
    expect(kinds(run('John Smith\n\nThe installer was fixed on Monday, officials said.'))).toEqual(['person:John Smith']);
  });

  it('knows companies written with inner capitals ("SpaceX", "OpenAI") by name', () => {
    const spans = run('NASA supplier SpaceX, meanwhile, has been grounded, and the firm signed a deal with OpenAI last year.');
    expect(has(spans, 'organization', 'SpaceX')).toBe(true);
    expect(has(spans, 'organization', 'OpenAI')).toBe(true);
  });

  it('returns nothing for text without names', () => {
    expect(run('the quick brown fox jumps over the lazy dog.')).toEqual([]);
    expect(run('')).toEqual([]);
  });
});

describe('summarizeEntities', () => {
  it('gives one row per (kind, canonical) with its surfaces and mention count', () => {
    const rows = summarizeEntities(run('Sergei Shoigu spoke. Shoigu said Iran and Iran’s allies agreed. MOSCOW — Moscow agreed.'));
    const shoigu = rows.find((r) => r.canonical === 'Sergei Shoigu')!;
    expect(shoigu).toEqual({ kind: 'person', canonical: 'Sergei Shoigu', surfaces: ['Sergei Shoigu', 'Shoigu'], mentions: 2 });
    expect(rows.find((r) => r.canonical === 'Iran')!.mentions).toBe(2);
    expect(new Set(rows.map((r) => `${r.kind}/${r.canonical}`)).size).toBe(rows.length);
  });
});

describe('the seed page', () => {
  const gold = JSON.parse(fs.readFileSync('fixtures/gold/seed-page.json', 'utf8')) as {
    people: string[]; organizations: string[]; places: string[]; dates: string[]; aliases: Record<string, string>;
  };
  const page = readPage('fixtures/pages/seed-page/source.html', 'https://example.org/seed');

  it('gives exactly its gold people, organisations and places', () => {
    const spans = rec.recognize(page.title, page.text);
    const got = (kind: string) => [...new Set(spans.filter((s) => s.kind === kind).map((s) => s.text))].sort();
    const aliasesOf = (names: string[]) => Object.keys(gold.aliases).filter((a) => names.includes(gold.aliases[a]!));
    expect(got('person')).toEqual([...new Set([...gold.people, ...aliasesOf(gold.people)])].sort());
    expect(got('organization')).toEqual([...new Set([...gold.organizations, ...aliasesOf(gold.organizations)])].sort());
    expect(got('place')).toEqual([...gold.places].sort());
    const canon = new Map(spans.map((s) => [s.text, s.canonical]));
    for (const [alias, full] of Object.entries(gold.aliases)) expect(canon.get(alias)).toBe(full);
  });

  it('gives exactly its gold dates, resolved from the published date', () => {
    expect(page.publishedTime).toBe('2024-04-26T10:00:00Z');
    const dates = findDates(page.title, page.text, page.publishedTime!);
    const strip = (s: string) => s.replace(/^(?:on|in|at|since)\s+/i, '');
    expect([...new Set(dates.map((d) => strip(d.text)))].sort()).toEqual([...gold.dates].sort());
    const value = (t: string) => dates.find((d) => d.text === t)?.value;
    expect(value('April 1')).toBe('2024-04-01');
    expect(value('April 13')).toBe('2024-04-13');
    expect(value('earlier this month')).toBe('2024-04');
  });
});

describe('robustness', () => {
  it('copes with pathological input without throwing', () => {
    for (const s of ['A'.repeat(100_000), 'é'.repeat(5000), '\u00AD\u200B', '“”‘’', '(SCO)', 'A B C D E F G '.repeat(300)]) {
      expect(() => run(s, s)).not.toThrow();
    }
  });
  it('stays linear on a long article', () => {
    const para = 'Sergei Shoigu met officials in Tehran on Monday, and the Shanghai Cooperation Organization (SCO) said Iran would attend. ';
    const t0 = performance.now();
    run(para.repeat(50));
    const small = performance.now() - t0;
    const t1 = performance.now();
    const spans = run(para.repeat(1000));
    const large = performance.now() - t1;
    expect(spans.filter((s) => s.text === 'Tehran')).toHaveLength(1000);
    expect(large).toBeLessThan(Math.max(small, 5) * 20 * 5); // 20x the text, generous bound for a shared machine
  });
});
