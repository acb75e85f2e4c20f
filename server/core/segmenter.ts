// The word segmenter for the hot topics (shared/domain/topics.ts): jieba (@node-rs/jieba, a
// prebuilt native binary) with its default dictionary and HMM for words the dictionary lacks
// ("不热"), keeping content words only. Place and person names are left out: a place is concentrated
// in its own district by nature, so "泰山 · 泰山区" would top the clusters every day and say nothing,
// and a name is nobody's hot topic (metrics.md, Personal data). jieba tags the names it knows (nr,
// nrt, nrfg), but a name it does not know comes out of HMM tagged `x` like any new word (王晓翠/x,
// next to 不热/x), or split into a surname and a word (胡/nr 建军/n): such words that read as a
// surname and a given name are taken for a name (isContentWord). The
// configuration's names and places (`privacy` in shared/config.ts) are added to the dictionary as
// person and place names. Loaded once per process and dictionary (about 150 ms and some 70 MB), on
// first use; every rules object of the process with the same dictionary shares it (the server, the
// replay test, the benchmark), so their figures agree.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { isSurname, looksLikeGivenName, looksLikeName } from '../../shared/domain/index.ts';

export type Segmenter = (text: string) => string[];

/**
 * jieba's parts of speech worth counting: nouns (n, nz), verbs and verbal nouns (v, vn), adjectives
 * (a, an), idioms and set phrases (i, l), abbreviations (j), descriptive words (z) and words the
 * dictionary does not know (x: 不热, 网约车, and punctuation, which the core drops), unless they read
 * as a name. Left out: places (ns, s), people (nr, nrt, nrfg), organisations (nt), numbers and
 * measures (m, q), times (t), directions (f), pronouns, prepositions, particles, adverbs and the
 * like, and Latin strings (eng: plates, ID fragments).
 */
export const CONTENT_TAGS: ReadonlySet<string> = new Set(['n', 'nz', 'v', 'vn', 'a', 'an', 'i', 'l', 'j', 'z', 'x']);

export interface UserDictionary {
  /** Personal names jieba should know: tagged nr, so never counted. */
  names?: readonly string[];
  /** Place names: tagged ns, so never counted. */
  places?: readonly string[];
}

/**
 * Weight of the configured words in jieba's dictionary: above every ordinary word (the largest
 * frequencies of the default dictionary are in the low millions for 的/了), so a configured name is
 * cut as one word wherever it appears.
 */
const USER_WORD_FREQUENCY = 10_000_000;

const instances = new Map<string, Jieba>();

function load(dict: UserDictionary): Jieba {
  // The dictionary file itself, read and let go: '@node-rs/jieba/dict' would also read and keep the
  // 6 MB TF-IDF table, which tagging does not use.
  const dictPath = createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt');
  const j = Jieba.withDict(readFileSync(dictPath));
  const lines = [
    ...(dict.places ?? []).map((w) => `${w} ${USER_WORD_FREQUENCY} ns`),
    ...(dict.names ?? []).map((w) => `${w} ${USER_WORD_FREQUENCY} nr`),
  ];
  if (lines.length > 0) j.loadDict(Buffer.from(`${lines.join('\n')}\n`));
  return j;
}

/**
 * Whether a tagged word is worth counting, given the word before it: a content word, and no name.
 * Names come whole (刘建国/nr), as a word jieba does not know (王晓翠/x), or split into a surname
 * and a word (胡/nr 建军/n, 宋/nr 建华/nz, 马/n 建平/n): a word right after a surname is the given
 * name when its one or two characters are common in given names (so 高/a 噪音/n and, after the
 * compound suffix 苑/nr, 供暖/v stay).
 */
export function isContentWord(word: string, tag: string, before?: { word: string; tag: string }): boolean {
  if (!CONTENT_TAGS.has(tag) || (tag === 'x' && looksLikeName(word))) return false;
  return !(before && isSurname(before.word) && looksLikeGivenName(word));
}

/** jieba's tagged cut (HMM on), content words only, in order; shared by every caller in the process. */
export function createSegmenter(dict: UserDictionary = {}): Segmenter {
  const key = JSON.stringify([[...(dict.names ?? [])].sort(), [...(dict.places ?? [])].sort()]);
  let j = instances.get(key);
  if (!j) instances.set(key, (j = load(dict)));
  const jieba = j;
  return (text) => {
    const out: string[] = [];
    const tagged = jieba.tag(text, true);
    for (const [i, { word, tag }] of tagged.entries()) if (isContentWord(word, tag, tagged[i - 1])) out.push(word);
    return out;
  };
}
