import { describe, expect, it } from 'vitest';
import { siteAndByline } from '@/components/ClippingList';

describe('siteAndByline', () => {
  it('leaves out a byline that only repeats the site', () => {
    expect(siteAndByline('BBC News', 'BBC News')).toEqual(['BBC News']);
    expect(siteAndByline('Mac & i', 'Mac & i')).toEqual(['Mac & i']);
    expect(siteAndByline('Reuters', 'By Reuters')).toEqual(['Reuters']);
    expect(siteAndByline('The Eastern Ledger', 'By News Desk')).toEqual(['The Eastern Ledger', 'By News Desk']);
    expect(siteAndByline(null, 'By Erin Cunningham')).toEqual([null, 'By Erin Cunningham']);
  });
});
