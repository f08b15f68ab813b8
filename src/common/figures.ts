/**
 * Sentences whose error figures stay numbers. The engine knows no units, the panel does (each
 * series' Grafana unit): "MAE over the last day 0.02136 vs 0.02017" on a latency panel drawn in
 * milliseconds should read "21.4 ms vs 20.2 ms" there, while the CLI, `serve` and Grafana's own
 * notices keep the plain text. One builder gives both, so the two cannot say different things.
 */

/** An error figure inside a sentence, in the series' own units. */
export interface Figure {
  figure: number;
}

export type SentencePart = string | Figure;

export function figure(x: number): Figure {
  return { figure: x };
}

/** An error figure as plain text: four significant digits. */
export function plainFigure(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(4) : String(x);
}

/** `sentence\`MAE ${figure(a)} vs ${figure(b)}\``: the text around the figures, and the figures as numbers. */
export function sentence(strings: TemplateStringsArray, ...values: Array<string | Figure>): SentencePart[] {
  const parts: SentencePart[] = [];
  strings.forEach((s, i) => {
    parts.push(s);
    if (i < values.length) {
      parts.push(values[i]);
    }
  });
  return joinText(parts);
}

/** Parts after parts, with one space between them (sentences in a row). */
export function joinSentences(sentences: SentencePart[][]): SentencePart[] {
  return joinText(sentences.flatMap((s, i) => (i === 0 ? s : [' ', ...s])));
}

/** The plain text (figures to four significant digits): what every front door without a unit shows. */
export function plainText(parts: SentencePart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : plainFigure(p.figure))).join('');
}

export function hasFigures(parts: SentencePart[]): boolean {
  return parts.some((p) => typeof p !== 'string');
}

/** The most parts a sentence from the wire may have: the engine's longest has about a dozen. */
const MAX_PARTS = 64;

/**
 * The sentence with each figure formatted by `format` (a unit formatter), or undefined when `parts`
 * is not a well-formed sentence: it arrives in a data frame, so it is read as untrusted data.
 */
export function formatSentence(parts: unknown, format: (x: number) => string): string | undefined {
  if (!Array.isArray(parts) || parts.length === 0 || parts.length > MAX_PARTS) {
    return undefined;
  }
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      out += p;
    } else if (isFigure(p)) {
      out += format(p.figure);
    } else {
      return undefined;
    }
  }
  return out;
}

function isFigure(p: unknown): p is Figure {
  return typeof p === 'object' && p !== null && Number.isFinite((p as Figure).figure);
}

/** Adjacent strings merged, empty ones dropped. */
function joinText(parts: SentencePart[]): SentencePart[] {
  const out: SentencePart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') {
      out[out.length - 1] = last + p;
    } else if (p !== '') {
      out.push(p);
    }
  }
  return out;
}
