// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HighlightEditor } from './HighlightEditor';
import { button, click, key, mount } from './test-render';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setup(note = 'check this') {
  const h = { onSave: vi.fn(), onColor: vi.fn(), onDelete: vi.fn(), onClose: vi.fn() };
  const m = mount(<HighlightEditor quote="Operation True Promise" note={note} color="yellow" {...h} />);
  cleanup = m.unmount;
  const area = m.root.querySelector('textarea')!;
  const type = (text: string) =>
    act(() => {
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
  return { ...m, ...h, area, type };
}

describe('HighlightEditor', () => {
  it('shows the quote and the note, focused, in a labelled dialog', () => {
    const e = setup();
    expect(e.root.querySelector('[role="dialog"]')!.getAttribute('aria-label')).toBe('Edit highlight');
    expect(e.root.querySelector('blockquote')!.textContent).toBe('Operation True Promise');
    expect(e.area.value).toBe('check this');
    expect(document.activeElement).toBe(e.area);
    expect(e.area.closest('label')!.textContent).toContain('Note');
  });

  it('saves the edited note, by button or Ctrl+Enter', () => {
    const e = setup();
    e.type('a better note');
    click(button(e.root, 'Save note'));
    expect(e.onSave).toHaveBeenLastCalledWith('a better note');
    e.type('again');
    key(e.area, 'Enter', { ctrlKey: true });
    expect(e.onSave).toHaveBeenLastCalledWith('again');
  });

  it('changes colour (current one pressed) and deletes', () => {
    const e = setup();
    expect(button(e.root, 'Yellow')!.getAttribute('aria-pressed')).toBe('true');
    expect(button(e.root, 'Blue')!.getAttribute('aria-pressed')).toBe('false');
    click(button(e.root, 'Yellow'));
    expect(e.onColor).not.toHaveBeenCalled();
    click(button(e.root, 'Blue'));
    expect(e.onColor).toHaveBeenCalledWith('blue');
    click(button(e.root, 'Delete highlight'));
    expect(e.onDelete).toHaveBeenCalledOnce();
  });

  it('closes on Escape without saving', () => {
    const e = setup();
    e.type('not kept');
    key(e.area, 'Escape');
    expect(e.onClose).toHaveBeenCalledOnce();
    expect(e.onSave).not.toHaveBeenCalled();
  });
});
