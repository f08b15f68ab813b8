/**
 * One engine sentence said of several series with different figures, said once: "The LSTM lost to
 * the linear model on recent validation (MAE over the last day: v1 0.970 req/s vs 0.946 req/s; v2
 * 4.93 req/s vs 4.79 req/s), so its forecast is shown." Why: sentences that differ only in their
 * figures are not grouped by their text, and a model-serving panel of six versions showed five
 * orange lines that said the same thing; a query of 100 series could show sixty.
 */
import { type SentencePart, formatSentence } from '../../common/figures';

export interface FigureSentence {
  /** The series the sentence is about. */
  name: string;
  parts: SentencePart[];
  /** The series' own unit formatter. */
  format: (x: number) => string;
}

export interface FigureGroup {
  /** The sentence once, each series' figures in turn. */
  text: string;
  /** The series it was said of, in first-seen order. */
  names: string[];
}

/**
 * Sentences with the same words around their figures, said of two series or more, as one sentence
 * each: the words before the first figure, then each series' name with the span from its first to
 * its last figure, then the words after the last figure. A sentence said of one series only, or
 * malformed (it came from a data frame), is not in the result: the caller says it as before.
 */
export function groupFigureSentences(items: readonly FigureSentence[]): FigureGroup[] {
  const byWords = new Map<string, FigureSentence[]>();
  for (const item of items) {
    const words = formatSentence(item.parts, item.format) === undefined ? undefined : wordsOf(item.parts);
    if (words === undefined) {
      continue;
    }
    const same = byWords.get(words) ?? [];
    if (!same.some((s) => s.name === item.name)) {
      same.push(item);
    }
    byWords.set(words, same);
  }
  const groups: FigureGroup[] = [];
  for (const same of byWords.values()) {
    if (same.length < 2) {
      continue;
    }
    const { parts } = same[0];
    const first = parts.findIndex((p) => typeof p !== 'string');
    const last = parts.length - 1 - [...parts].reverse().findIndex((p) => typeof p !== 'string');
    const before = textOf(parts.slice(0, first)).trimEnd();
    const after = textOf(parts.slice(last + 1));
    const each = same.map((s) => `${s.name} ${formatSentence(s.parts.slice(first, last + 1), s.format)}`);
    const lead = before === '' ? '' : before.endsWith('(') ? before : `${before}: `;
    groups.push({ text: `${lead}${each.join('; ')}${after}`, names: same.map((s) => s.name) });
  }
  return groups;
}

/** The words of a sentence with each figure marked, or undefined without figures (nothing to group apart). */
function wordsOf(parts: readonly SentencePart[]): string | undefined {
  if (!parts.some((p) => typeof p !== 'string')) {
    return undefined;
  }
  return parts.map((p) => (typeof p === 'string' ? p : '\u0000')).join('');
}

function textOf(parts: readonly SentencePart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : '')).join('');
}
