/** What a message echoes of a typed text: all of it up to 40 characters (a pasted page is not repeated back). */
export function typedText(text: string): string {
  const t = String(text ?? '');
  return t.length > 40 ? `${t.slice(0, 40)}… (${t.length} characters)` : t;
}
