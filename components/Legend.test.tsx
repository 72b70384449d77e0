// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Legend } from './Legend';
import { button, click, mount } from './test-render';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('Legend', () => {
  const colors = { person: 'rgb(255, 0, 0)', organization: 'rgb(0, 128, 0)', place: 'rgb(0, 0, 255)', date: 'rgb(128, 0, 128)' };

  it('shows a count per kind with its colour, in a labelled region', () => {
    const m = mount(<Legend counts={{ person: 3, place: 9, date: 2 }} enabled={{}} colors={colors} onToggle={() => {}} onDismiss={() => {}} />);
    cleanup = m.unmount;
    expect(m.root.querySelector('[role="region"]')!.getAttribute('aria-label')).toMatch(/entities/);
    const toggles = [...m.root.querySelectorAll<HTMLButtonElement>('.cm-legend-toggle')];
    expect(toggles.map((b) => b.textContent)).toEqual(['People 3', 'Places 9', 'Dates 2']);
    expect((toggles[1]!.querySelector('.cm-swatch') as HTMLElement).style.background).toBe('rgb(0, 0, 255)');
  });

  it('toggles a kind with an aria-pressed button and reports the new state', () => {
    const onToggle = vi.fn();
    const m = mount(<Legend counts={{ person: 3, organization: 4 }} enabled={{ organization: false }} colors={colors} onToggle={onToggle} onDismiss={() => {}} />);
    cleanup = m.unmount;
    const people = button(m.root, /^People/)!;
    const orgs = button(m.root, /^Organisations/)!;
    expect(people.getAttribute('aria-pressed')).toBe('true');
    expect(orgs.getAttribute('aria-pressed')).toBe('false');
    click(people);
    click(orgs);
    expect(onToggle.mock.calls).toEqual([['person', false], ['organization', true]]);
  });

  it('can be dismissed', () => {
    const onDismiss = vi.fn();
    const m = mount(<Legend counts={{ person: 1 }} enabled={{}} colors={colors} onToggle={() => {}} onDismiss={onDismiss} />);
    cleanup = m.unmount;
    click(button(m.root, 'Dismiss the Clipmark legend'));
    expect(onDismiss).toHaveBeenCalledOnce();
  });

  it('offers a "next" button for each kind that is painted, for reaching entities by keyboard', () => {
    const onNext = vi.fn();
    const m = mount(<Legend counts={{ person: 2, place: 0, date: 1 }} enabled={{ date: false }} colors={colors} onToggle={() => {}} onDismiss={() => {}} onNext={onNext} />);
    cleanup = m.unmount;
    const next = [...m.root.querySelectorAll<HTMLButtonElement>('.cm-legend-next')].map((b) => b.getAttribute('aria-label'));
    // no places on the page, dates switched off: only people can be stepped through
    expect(next).toEqual(['Next person on the page']);
    click(button(m.root, 'Next person on the page'));
    expect(onNext).toHaveBeenCalledWith('person');
  });
});
