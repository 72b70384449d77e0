// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SelectionToolbar, TOOLBAR_SIZE, toolbarPosition } from './SelectionToolbar';
import { button, click, key, mount } from './test-render';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const viewport = { width: 1000, height: 800 };

function setup(extra: Partial<Parameters<typeof SelectionToolbar>[0]> = {}) {
  const handlers = { onHighlight: vi.fn(), onAddNote: vi.fn(), onCopy: vi.fn(), onClose: vi.fn() };
  const m = mount(<SelectionToolbar selectionRect={{ left: 400, top: 300, width: 200, height: 20 }} viewport={viewport} {...handlers} {...extra} />);
  cleanup = m.unmount;
  return { ...m, ...handlers };
}

describe('SelectionToolbar', () => {
  it('offers colours, Add note and Copy, each with an accessible name', () => {
    const t = setup();
    const bar = t.root.querySelector('[role="toolbar"]')!;
    expect(bar.getAttribute('aria-label')).toBe('Highlight the selected text');
    click(button(bar, 'Highlight in green'));
    click(button(bar, 'Add note'));
    click(button(bar, 'Copy'));
    expect(t.onHighlight).toHaveBeenCalledWith('green');
    expect(t.onAddNote).toHaveBeenCalledOnce();
    expect(t.onCopy).toHaveBeenCalledOnce();
  });

  it('is keyboard reachable: focus on open, arrows move, Enter activates, Escape closes', () => {
    const t = setup({ autoFocus: true });
    const first = button(t.root, 'Highlight in yellow')!;
    expect(document.activeElement).toBe(first);
    expect([...t.root.querySelectorAll('button')].filter((b) => b.tabIndex === 0)).toEqual([first]);
    key(first, 'ArrowRight');
    expect(document.activeElement).toBe(button(t.root, 'Highlight in green'));
    key(document.activeElement, 'End');
    expect(document.activeElement).toBe(button(t.root, 'Copy'));
    expect((document.activeElement as HTMLElement).tabIndex).toBe(0);
    key(document.activeElement, 'ArrowRight'); // wraps
    expect(document.activeElement).toBe(first);
    key(document.activeElement, 'Escape');
    expect(t.onClose).toHaveBeenCalledOnce();
  });

  it('sits above the selection, or below it near the top, and stays on screen', () => {
    const t = setup();
    const bar = t.root.querySelector<HTMLElement>('[role="toolbar"]')!;
    expect(bar.style.top).toBe(`${300 - 8 - TOOLBAR_SIZE.height}px`);
    expect(toolbarPosition({ left: 10, top: 5, width: 50, height: 20 }, viewport).placement).toBe('below');
    expect(toolbarPosition({ left: 10, top: 5, width: 50, height: 20 }, viewport).x).toBe(4);
    expect(toolbarPosition({ left: 990, top: 400, width: 10, height: 20 }, viewport).x).toBe(1000 - TOOLBAR_SIZE.width - 4);
  });
});
