import { describe, expect, it } from 'vitest';
import { checkMessage, classifySender, RefusedMessage } from '@/utils/message-guard';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const popup = { id: ID, url: `${ORIGIN}popup.html` };
const content = { id: ID, url: 'https://news.example/a', tab: { id: 3, url: 'https://news.example/a' } };
const validAnnotation = {
  id: '6f1c2a4e-3b8d-4a8e-9c1d-2f3e4a5b6c7d', pageUrl: 'https://news.example/a', color: 'yellow', note: '',
  selectors: [{ type: 'TextQuoteSelector', exact: 'Shoigu', prefix: '', suffix: '' }],
};

describe('classifySender', () => {
  it('tells our extension pages from our content scripts', () => {
    expect(classifySender(popup, ID, ORIGIN)).toBe('page');
    expect(classifySender(content, ID, ORIGIN)).toBe('content');
  });
  it('refuses other extensions and senders without a known place', () => {
    expect(classifySender({ ...popup, id: 'another-extension' }, ID, ORIGIN)).toBeNull();
    expect(classifySender({ id: ID, url: 'https://evil.example/' }, ID, ORIGIN)).toBeNull(); // no tab: not a content script
    expect(classifySender(undefined, ID, ORIGIN)).toBeNull();
  });
});

describe('checkMessage', () => {
  it('accepts a well-formed message from a sender allowed to send it', () => {
    expect(checkMessage('saveAnnotation', validAnnotation, content, ID, ORIGIN).from).toBe('content');
    expect(checkMessage('saveTab', {}, popup, ID, ORIGIN).data).toEqual({});
  });
  it('refuses a web page asking to save tabs or delete clippings', () => {
    expect(() => checkMessage('saveTab', {}, content, ID, ORIGIN)).toThrow(/web page may not send it/);
    expect(() => checkMessage('deleteClipping', { id: 'x' }, content, ID, ORIGIN)).toThrow(RefusedMessage);
  });
  it('refuses messages from another extension', () => {
    expect(() => checkMessage('saveTab', {}, { ...popup, id: 'other' }, ID, ORIGIN)).toThrow(/did not come from Clipmark/);
  });
  it('refuses malformed and oversized payloads, naming the field', () => {
    expect(() => checkMessage('saveAnnotation', { ...validAnnotation, color: 'red' }, content, ID, ORIGIN)).toThrow(/malformed message at color/);
    expect(() => checkMessage('saveAnnotation', { ...validAnnotation, note: 'x'.repeat(20_001) }, content, ID, ORIGIN)).toThrow(/at note/);
    expect(() => checkMessage('saveAnnotation', 'hello', content, ID, ORIGIN)).toThrow(/malformed/);
    expect(() => checkMessage('saveTab', { tabId: -1 }, popup, ID, ORIGIN)).toThrow(/at tabId/);
    const analyze = { title: 't', text: 'x', reference: '2024-01-01' };
    expect(checkMessage('analyze', { ...analyze, emphasis: [[0, 1]] }, content, ID, ORIGIN).data).toEqual({ ...analyze, emphasis: [[0, 1]] });
    expect(() => checkMessage('analyze', { ...analyze, emphasis: [[0.5, 1]] }, content, ID, ORIGIN)).toThrow(/at emphasis/);
    expect(() => checkMessage('analyze', { ...analyze, emphasis: Array(2_001).fill([0, 1]) }, content, ID, ORIGIN)).toThrow(/at emphasis/);
  });
});
