// The cheap "is this an article?" check alone, without the rest of Readability (which the loader must not carry).
import isProbablyReaderableImpl from '@mozilla/readability/Readability-readerable.js';

export const isProbablyReaderable = isProbablyReaderableImpl as (doc: Document, options?: { minContentLength?: number; minScore?: number }) => boolean;
