import { Component } from 'preact';
import { Marked } from '@/components/Marked';
import { formatDay } from '@/components/ClippingList';
import type { SearchResult } from '@/utils/search';
import type { Segment } from '@/utils/search-text';

export interface SearchResultItemProps {
  result: SearchResult;
  index: number;
  active: boolean;
  onOpen: (clippingId: string) => void;
  onHover: (index: number) => void;
}

function sameSegments(a: Segment[], b: Segment[]): boolean {
  return a === b || (a.length === b.length && a.every((s, i) => s.text === b[i]!.text && s.mark === b[i]!.mark));
}

/** Whether two results show the same: a keystroke that changes nothing on screen re-renders nothing. */
export function sameResult(a: SearchResult, b: SearchResult): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.title === b.title &&
      a.url === b.url &&
      a.siteName === b.siteName &&
      a.savedAt === b.savedAt &&
      sameSegments(a.titleSegments, b.titleSegments) &&
      sameSegments(a.snippet, b.snippet))
  );
}

/**
 * One search result. Re-rendered only when what it shows changes: each keystroke renders the search panel two or
 * three times (the query, the results, the entity chips), and diffing 20 results with their marked snippets each
 * time was a good part of a keystroke's script time.
 */
export class SearchResultItem extends Component<SearchResultItemProps> {
  override shouldComponentUpdate(next: SearchResultItemProps): boolean {
    const p = this.props;
    return next.active !== p.active || next.index !== p.index || next.onOpen !== p.onOpen || next.onHover !== p.onHover || !sameResult(next.result, p.result);
  }

  override render({ result: r, index, active, onOpen, onHover }: SearchResultItemProps) {
    return (
      <li
        role="listitem"
        id={`result-${r.id}`}
        class={active ? 'result active' : 'result'}
        aria-current={active ? 'true' : undefined}
        onClick={() => onOpen(r.id)}
        onMouseEnter={() => onHover(index)}
      >
        <span class="result-title">
          <Marked segments={r.titleSegments} />
        </span>
        <span class="result-meta">
          {r.siteName ?? hostOf(r.url)} · {formatDay(r.savedAt)}
        </span>
        <span class="result-snippet">
          <Marked segments={r.snippet} />
        </span>
      </li>
    );
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
