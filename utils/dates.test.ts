import { describe, expect, it } from 'vitest';
import { findDates, type DateSpan } from './dates';

const REF = '2024-04-26T10:00:00Z'; // a Friday
const one = (text: string, ref: string | Date = REF): DateSpan => {
  const d = findDates('', text, ref);
  expect(d, JSON.stringify(d)).toHaveLength(1);
  expect(text.slice(d[0]!.start, d[0]!.end)).toBe(d[0]!.text);
  return d[0]!;
};
const pick = (d: DateSpan) => [d.text, d.value, d.precision];

describe('absolute dates', () => {
  it.each([
    ['On April 1, the regime struck.', 'April 1', '2024-04-01', 'day'],
    ['They retaliated on April 13 with drones.', 'April 13', '2024-04-13', 'day'],
    ['It was signed on 26 April 2024 in Astana.', '26 April 2024', '2024-04-26', 'day'],
    ['The index was first released February 1, 2016.', 'February 1, 2016', '2016-02-01', 'day'],
    ['The war began in September 2013.', 'September 2013', '2013-09', 'month'],
    ['The union collapsed in 1991.', '1991', '1991', 'year'],
    ['Since the attacks of 9/11, travel changed.', '9/11', '2001-09-11', 'day'],
    ['It grew in the mid-1990s.', 'mid-1990s', '1995', 'year'],
    ['Pipes laid in the late 1800s still leak.', 'late 1800s', '1870', 'year'],
    ['Prices rose in the early 2000s.', 'early 2000s', '2002', 'year'],
    ['Trade fell in June.', 'June', '2024-06', 'month'],
    ['The deal was signed on Sept. 5.', 'Sept. 5', '2024-09-05', 'day'],
    ['It was filed Feb 1, 2016 by staff.', 'Feb 1, 2016', '2016-02-01', 'day'],
    ['The filing is dated 2016-02-29.', '2016-02-29', '2016-02-29', 'day'],
  ])('%s', (text, surface, value, precision) => {
    expect(pick(one(text))).toEqual([surface, value, precision]);
  });

  it('gives a yearless date the year nearest the reference', () => {
    expect(one('It happened on December 20.', '2024-01-05').value).toBe('2023-12-20');
    expect(one('It will happen on January 3.', '2023-12-28').value).toBe('2024-01-03');
  });

  it('does not take leading prepositions into the span', () => {
    expect(one('since 2003 the country').text).toBe('2003');
    expect(one('at Thursday’s meeting').text).toBe('Thursday');
  });
});

describe('relative dates', () => {
  it.each([
    ['earlier this month', '2024-04', 'month'],
    ['Today', '2024-04-26', 'day'],
    ['yesterday', '2024-04-25', 'day'],
    ['last Tuesday', '2024-04-23', 'day'],
    ['Thursday', '2024-04-25', 'day'],
    ['late Thursday', '2024-04-25', 'day'],
    ['Wednesday evening', '2024-04-24', 'day'],
    ['next Monday', '2024-04-29', 'day'],
    ['18 months ago', '2022-10', 'month'],
    ['Nine months ago', '2023-07', 'month'],
    ['2 years ago', '2022', 'year'],
    ['four years ago', '2020', 'year'],
    ['recent years', '2024', 'year'],
    ['last week', '2024-04-19', 'day'],
    ['last month', '2024-03', 'month'],
    ['last year', '2023', 'year'],
    ['Last fall', '2023', 'year'],
    ['this April', '2024-04', 'month'],
    ['last March', '2024-03', 'month'],
    ['last May', '2023-05', 'month'],
    ['next June', '2024-06', 'month'],
    ['next March', '2025-03', 'month'],
    ['a year and a half ago', '2022-10', 'month'],
    ['’90s', '1990', 'year'],
    ['Thursday Dec. 1, 2016', '2016-12-01', 'day'],
    ['Tuesday, Nov. 29, 2016', '2016-11-29', 'day'],
    ['Tuesday 15 October 2019', '2019-10-15', 'day'],
    ['early twenty-first century', '2020', 'year'],
    ['19th century', '1800', 'year'],
    ['mid-18th century', '1750', 'year'],
  ])('"%s"', (expr, value, precision) => {
    const d = one(`It was said ${expr} by officials.`);
    expect(pick(d)).toEqual([expr, value, precision]);
  });

  it('resolves a weekday on the reference day to that day', () => {
    expect(one('He spoke Friday.').value).toBe('2024-04-26');
    expect(one('He spoke last Friday.').value).toBe('2024-04-19');
  });

  it('accepts a Date as reference (the save date)', () => {
    expect(one('earlier this month', new Date(Date.UTC(2025, 0, 15, 12))).value).toBe('2025-01');
  });
});

describe('names and words that look like dates', () => {
  it('does not read "Jun" in "Dong Jun" as June', () => {
    expect(findDates('', 'The Iranian official met Chinese counterpart Dong Jun. Dong Jun said so.', REF)).toEqual([]);
    expect(findDates('', 'Dong Jun 5 times said no.', REF)).toEqual([]);
  });
  it('does not read month or weekday names inside person names', () => {
    expect(findDates('', 'Reporter April Ryan asked a question, said Joe Friday.', REF)).toEqual([]);
  });
  it('does not read the modal verb "may" as May', () => {
    expect(findDates('', 'May we come in? Officials may decide later. In May, they did.', REF).map((d) => d.text)).toEqual(['May']);
  });
  it('does not take numbers and money for years', () => {
    expect(findDates('', 'About 1,500 people paid $2000 and rooms were 2015% full.', REF).map((d) => d.text)).toEqual([]);
  });
  it('does not take a measure for years', () => {
    expect(findDates('', 'It has a resolution of 1800 x 1920 per eye, against 2160×3840.', REF).map((d) => d.text)).toEqual([]);
  });
  it.each([
    ['Rents rose over the past five years.', 'past five years', '2019', 'year'],
    ['He spoke of it in the last few days.', 'last few days', '2024-04-23', 'day'],
    ['Sales will fall in the next two months.', 'next two months', '2024-06', 'month'],
    ['Not since ’91 had it happened.', '’91', '1991', 'year'],
    ['The class of \'09 met again.', "'09", '2009', 'year'],
    ['Shops close on Christmas Eve.', 'Christmas Eve', '2023-12-24', 'day'],
    ['They met at Easter.', 'Easter', '2024-03-31', 'day'],
    ['Flowers sell out before Mother’s Day.', 'Mother’s Day', '2024-05-12', 'day'],
    ['Turkeys are pardoned before Thanksgiving.', 'Thanksgiving', '2023-11-23', 'day'],
    ['Parades are held on Memorial Day.', 'Memorial Day', '2024-05-27', 'day'],
  ])('spans, short years and holidays: %s', (text, surface, value, precision) => {
    expect(pick(one(text))).toEqual([surface, value, precision]);
  });
  it.each([
    ['A downturn like 2008-9 is rare.', '2008-9', '2008', 'year'],
    ['Some expire at the end of 2025.', 'end of 2025', '2025-12', 'month'],
    ['Prices fell at the beginning of the year.', 'beginning of the year', '2024-01', 'month'],
    ['Growth slowed in the second quarter.', 'second quarter', '2024-04', 'month'],
    ['She met him in the summer of 1959.', 'summer of 1959', '1959', 'year'],
    ['Over the last decade, rents doubled.', 'last decade', '2014', 'year'],
    ['It was built at the turn of the century.', 'turn of the century', '2000', 'year'],
    ['Seas will rise by the end of the century.', 'end of the century', '2099', 'year'],
  ])('parts of years and ranges: %s', (text, surface, value, precision) => {
    expect(pick(one(text))).toEqual([surface, value, precision]);
  });
  it('reads a date on a line of its own under a credit as a date, not as part of a name', () => {
    expect(findDates('', 'Photo: Jeon Heon-Kyun/EPA, via Shutterstock\n\nSept. 25, 2018\n\nThe federal government…', REF).map((d) => d.value)).toEqual(['2018-09-25']);
  });
  it('does not take a place or a thing named for a holiday as a date', () => {
    expect(findDates('', 'They flew to Christmas Island and bought a Christmas tree.', REF).map((d) => d.text)).toEqual([]);
  });
  it('skips the page header date but keeps dates in the article', () => {
    const d = findDates('Title', 'Defence\n\nPublished April 26, 2024, 10:00 GMT\n\nOn April 1 the strike hit.', REF);
    expect(d.map((x) => x.text)).toEqual(['April 1']);
  });
  it('finds dates in the title, with in = title', () => {
    const d = findDates('Talks resume on Monday', 'No dates here.', REF);
    expect(d).toEqual([{ text: 'Monday', start: 16, end: 22, value: '2024-04-22', precision: 'day', in: 'title' }]);
  });
  it('rejects a bad reference', () => {
    expect(() => findDates('', 'Today', 'not a date')).toThrow(/reference/);
  });
});

describe('an article without a published date (the reference is only the day it is read)', () => {
  const vals = (ds: DateSpan[]) => ds.map((d) => `${d.text}=${d.value}`);
  const old = 'Gunmen attacked the museum on Wednesday. The country held elections in 2011 and 2013, and last fall the coalition split. Four years ago the parties agreed.';
  it('keeps no relative dates where the article names only older years, and keeps its absolute ones', () => {
    expect(vals(findDates('', old, '2026-11-30', { guessed: true }))).toEqual(['2011=2011', '2013=2013']);
    // with its published date, the same words resolve
    expect(vals(findDates('', old, '2015-03-18', { guessed: false }))).toContain('Wednesday=2015-03-18');
    expect(vals(findDates('', old, '2026-11-30'))).toContain('last fall=2025');
    // a year still to come (a target) does not make it current
    expect(vals(findDates('', `${old} The plan runs until 2030.`, '2026-11-30', { guessed: true }))).toEqual(['2011=2011', '2013=2013', '2030=2030']);
  });

  it('resolves them against the day it is read where the article reads as current, or names no year', () => {
    expect(vals(findDates('', 'The vote was held on Wednesday, after the 2026 budget passed.', '2026-11-30', { guessed: true })))
      .toEqual(['Wednesday=2026-11-25', '2026=2026']);
    expect(vals(findDates('', 'The vote was held on Wednesday.', '2026-11-30', { guessed: true }))).toEqual(['Wednesday=2026-11-25']);
  });
});
