declare module '@mozilla/readability/Readability-readerable.js' {
  const isProbablyReaderable: (doc: Document, options?: { minContentLength?: number; minScore?: number }) => boolean;
  export default isProbablyReaderable;
}
