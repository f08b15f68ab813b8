/**
 * Forecast methods as users read them — one table for the engine's messages, the use case's warning
 * sentences, the panel's model card and warning line. Its keys are the engine's method ids:
 * `BaseMethod` in `engine/api.ts` is `MethodId`, so a new method is named here or does not compile.
 */

/** Display names, capitalised to start a sentence or fill a table cell. */
export const METHOD_NAMES = {
  naive: 'Last value (naive)',
  seasonal_naive: 'Seasonal naive',
  ses: 'Smoothed level (SES or moving median)',
  seasonal_mean: 'Seasonal mean (up to 7 days)',
  mstl: 'MSTL + ETS',
  linear: 'Linear model (recent steps and yesterday)',
  lstm: 'LSTM',
  lstm_base: 'LSTM base model (zero-shot)',
  ensemble: 'Median of the methods (ensemble)',
  model_median: 'Median of the models (ensemble without baselines)',
} as const;

/** The engine's method ids (`BaseMethod`). */
export type MethodId = keyof typeof METHOD_NAMES;

/** Whether a string (e.g. a label read back from Prometheus) names one of the engine's methods. */
export function isMethodId(method: string): method is MethodId {
  return Object.prototype.hasOwnProperty.call(METHOD_NAMES, method);
}

/** "Seasonal naive", "MSTL + ETS"; any other text (e.g. `auto`, a newer engine's id) as it is. */
export function methodName(method: string): string {
  return isMethodId(method) ? METHOD_NAMES[method] : method;
}

/** The same name inside a sentence: "lost to seasonal naive", "the requested MSTL + ETS". */
export function methodNameInSentence(method: string): string {
  const name = methodName(method);
  // Lower-case a capitalised word ("Seasonal", "Last"), never an acronym ("LSTM", "MSTL").
  return /^[A-Z][a-z]/.test(name) ? name[0].toLowerCase() + name.slice(1) : name;
}
