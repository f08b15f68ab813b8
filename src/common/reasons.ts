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
