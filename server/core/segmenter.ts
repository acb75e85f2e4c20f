// The word segmenter for the hot topics (shared/domain/topics.ts): jieba (@node-rs/jieba, a
// prebuilt native binary) with its default dictionary and HMM for words the dictionary lacks
// ("不热"), keeping content words only. Place and person names are left out by their part of speech:
// a place is concentrated in its own district by nature, so "泰山 · 泰山区" would top the clusters
// every day and say nothing, and a name is nobody's hot topic. Loaded once per process (about
// 150 ms and some 70 MB), on first use; every rules object of the process shares it (the server,
// the replay test, the benchmark), so their figures agree.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

export type Segmenter = (text: string) => string[];

/**
 * jieba's parts of speech worth counting: nouns (n, nz), verbs and verbal nouns (v, vn), adjectives
 * (a, an), idioms and set phrases (i, l), abbreviations (j), descriptive words (z) and words the
 * dictionary does not know (x: 不热, 网约车, and punctuation, which the core drops). Left out:
 * places (ns, s), people (nr, nrt, nrfg), organisations (nt), numbers and measures (m, q), times
 * (t), directions (f), pronouns, prepositions, particles, adverbs and the like, and Latin strings
 * (eng: plates, ID fragments).
 */
export const CONTENT_TAGS: ReadonlySet<string> = new Set(['n', 'nz', 'v', 'vn', 'a', 'an', 'i', 'l', 'j', 'z', 'x']);

let jieba: Jieba | null = null;

function load(): Jieba {
  // The dictionary file itself, read and let go: '@node-rs/jieba/dict' would also read and keep the
  // 6 MB TF-IDF table, which tagging does not use.
  const dictPath = createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt');
  return Jieba.withDict(readFileSync(dictPath));
}

/** jieba's tagged cut (HMM on), content words only, in order; shared by every caller in the process. */
export function createSegmenter(): Segmenter {
  const j = (jieba ??= load());
  return (text) => {
    const out: string[] = [];
    for (const { word, tag } of j.tag(text, true)) if (CONTENT_TAGS.has(tag)) out.push(word);
    return out;
  };
}
