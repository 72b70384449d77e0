import type { Segment } from '@/utils/search-text';

/** Text with the matched words in <mark>: segments are rendered as text, never as HTML. */
export function Marked({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}
