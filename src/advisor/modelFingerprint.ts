/**
 * Cache key of a trained model: the question it answers (query + series + training window + step +
 * method + LSTM knobs). Two requests with the same fingerprint can reuse the same model; anything
 * that changes what was learned changes the key. The use case's key, so it lives with the use case;
 * the text and the hash come from the shared vocabulary (`common/`).
 *
 * `auto` and `lstm` share a key: the model cached is the LSTM alone (the other candidates are fitted
 * afresh on every request), and both train it the same way on the same window, weight for weight.
 * Switching a query between them reuses the model instead of training it again.
 */
import { canonicalJson } from '../common/canonicalJson';
import { stableHash } from '../common/hash';
import type { LstmOptions, MethodChoice } from '../engine/api';

export interface FingerprintInput {
  /** The interpolated PromQL expression. */
  expr: string;
  /** Label key of the series (one model per series). */
  seriesKey: string;
  windowMs: number;
  stepMs: number;
  method: MethodChoice;
  horizon: number;
  lstm?: LstmOptions;
}

export function fingerprintText(input: FingerprintInput): string {
  return canonicalJson({
    v: 1,
    expr: input.expr.trim().replace(/\s+/g, ' '),
    series: input.seriesKey,
    windowMs: input.windowMs,
    stepMs: input.stepMs,
    method: input.method === 'lstm' ? 'auto' : input.method,
    horizon: input.horizon,
    lstm: input.lstm ?? {},
  });
}

/** `fs1-` + 16 hex characters; the prefix versions the scheme. */
export function modelFingerprint(input: FingerprintInput): string {
  return `fs1-${stableHash(fingerprintText(input))}`;
}
