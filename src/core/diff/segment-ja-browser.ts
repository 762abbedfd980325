/**
 * segment-ja.ts as the browser gets it (package.json "imports": `#segment-ja`,
 * condition "browser"): the same segmenter, whose model (most of its size) is
 * fetched by loadJapaneseSegmenter, which the compare page's script calls only
 * for texts with Japanese or Chinese letters in them. A reader comparing
 * texts without them never downloads it (test/budget.test.ts). Node (and
 * everything the build runs) imports segment-ja.ts itself.
 */
type Segment = (text: string) => string[];

let loaded: Segment | undefined;

/** Fetches the segmenter's model; resolves once segmentJapanese can run. */
export async function loadJapaneseSegmenter(): Promise<void> {
  loaded ??= (await import('./segment-ja.ts')).segmentJapanese;
}

/** segment-ja.ts's segmentJapanese, once loaded: the same words. */
export function segmentJapanese(text: string): string[] {
  if (!loaded) throw new Error('the Japanese segmenter is not loaded yet (loadJapaneseSegmenter)');
  return loaded(text);
}
