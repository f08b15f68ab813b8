/**
 * One sentence said about many things, said once with the things it concerns: "a, b, c and 89
 * more: Too little history …". Why: a query of 100 series that all fail for the same reason showed
 * the reason 93 times, and a headless job of 45 stale series logged it 45 times.
 */

export interface Said {
  /** What the sentence concerns (a series' name). */
  who: string;
  sentence: string;
}

/** How many names are written before "and N more". */
const LISTED = 3;

/** Each distinct sentence once, in first-seen order, prefixed by the names it concerns. */
export function groupBySentence(items: readonly Said[], listed = LISTED): string[] {
  const bySentence = new Map<string, string[]>();
  for (const { who, sentence } of items) {
    const names = bySentence.get(sentence) ?? [];
    if (!names.includes(who)) {
      names.push(who);
    }
    bySentence.set(sentence, names);
  }
  return [...bySentence].map(([sentence, names]) => {
    const shown = names.slice(0, listed);
    const more = names.length > listed ? ` and ${names.length - listed} more` : '';
    const who = more ? `${shown.join(', ')}${more}` : joinWithAnd(shown);
    return `${who}: ${sentence}`;
  });
}

function joinWithAnd(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
