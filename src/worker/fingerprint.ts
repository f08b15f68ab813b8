/**
 * Cache key of a trained model: the question it answers (query + series + training window + step +
 * method + LSTM knobs). Two requests with the same fingerprint can reuse the same model; anything
 * that changes what was learned changes the key.
 */
import { canonicalJson } from '../advisor/canonicalJson';
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

/** 32-bit FNV-1a; two different offsets give a 64-bit key without needing async crypto.subtle. */
function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export function fingerprintText(input: FingerprintInput): string {
  return canonicalJson({
    v: 1,
    expr: input.expr.trim().replace(/\s+/g, ' '),
    series: input.seriesKey,
    windowMs: input.windowMs,
    stepMs: input.stepMs,
    method: input.method,
    horizon: input.horizon,
    lstm: input.lstm ?? {},
  });
}

export function modelFingerprint(input: FingerprintInput): string {
  const text = fingerprintText(input);
  return `fs1-${fnv1a(text, 0x811c9dc5)}${fnv1a(text, 0x01000193)}`;
}
