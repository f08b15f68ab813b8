import { methodName } from './methodNames';

/**
 * Whether another sentence already gives this reason, e.g. "The LSTM was trained from scratch, not
 * from the base model (the base model forecasts at most 24 steps, not 36 — …)" for the base model's
 * own skip: a warning line says a reason once. Compared on the reason's statement (the text before
 * its advice, " — …"), at least 20 characters long so that no short phrase matches by chance.
 */
export function reasonAlreadyGiven(reason: string, said: ReadonlyArray<string | undefined>): boolean {
  const statement = reason.split(' — ')[0].trim();
  return statement.length >= 20 && said.some((line) => line !== undefined && line.includes(statement));
}

/** A text as a sentence: trimmed, ending in a full stop unless it ends in one already. */
export function asSentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * "LSTM skipped: <reason>.", unless the reason already names what was skipped: the engine puts the
 * method in front of some reasons ("LSTM cannot run here: …", by display name or by id), and a
 * producer may send the whole sentence ("LSTM skipped: …"). One builder for every front door, so
 * the CLI, `serve` and the panel word a skip the same way and the panel can tell it was said.
 */
export function skippedSentence(method: string, reason: string): string {
  const name = methodName(method);
  const lead = reason.trim();
  const head = lead.toLowerCase();
  const named =
    head.startsWith(name.toLowerCase()) || head.startsWith(method.toLowerCase()) || /skipped/.test(head.slice(0, 40));
  return asSentence(named ? lead : `${name} skipped: ${lead}`);
}
