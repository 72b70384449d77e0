// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { EntityTooltip, mentionsText } from './EntityTooltip';
import { mount } from './test-render';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('EntityTooltip', () => {
  it('shows kind, canonical name and how many saved clippings mention it', () => {
    const m = mount(<EntityTooltip id="cm-tip" kind="person" canonical="Sergei Shoigu" clippingCount={3} />);
    cleanup = m.unmount;
    const tip = m.root.querySelector('[role="tooltip"]')!;
    expect(tip.id).toBe('cm-tip');
    expect(tip.querySelector('.cm-tooltip-kind')!.textContent).toBe('Person');
    expect(tip.querySelector('.cm-tooltip-name')!.textContent).toBe('Sergei Shoigu');
    expect(tip.textContent).toContain('Mentioned in 3 saved clippings');
  });

  it('updates the count when it arrives', () => {
    const m = mount(<EntityTooltip id="t" kind="organization" canonical="Shanghai Cooperation Organization" clippingCount={null} />);
    cleanup = m.unmount;
    expect(m.root.textContent).toContain('Looking in your saved clippings');
    m.rerender(<EntityTooltip id="t" kind="organization" canonical="Shanghai Cooperation Organization" clippingCount={1} />);
    expect(m.root.textContent).toContain('Mentioned in 1 saved clipping');
    expect(m.root.textContent).not.toContain('clippings');
  });

  it('says so when no saved clipping mentions it', () => {
    expect(mentionsText(0)).toBe('Not in any saved clipping yet');
  });
});
