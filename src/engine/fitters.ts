import type { BaseMethod } from './api';
import { mstlAvailable, mstlFitter } from './mstl';
import type { MethodFitter } from './pipeline';

import { baseZeroShotFitter, lstmFromBaseFitter } from './lstm/baseModelFitter';

/** Fitters for the non-trivial methods available in this runtime (naive/seasonal naive are built in). */
export function registeredFitters(): Partial<Record<BaseMethod, MethodFitter>> {
  const out: Partial<Record<BaseMethod, MethodFitter>> = {};
  if (mstlAvailable()) {
    out.mstl = mstlFitter;
  }
  // `lstm` starts from the base model when one is set and fits the request, else as before (lstmFitter).
  out.lstm = lstmFromBaseFitter;
  out.lstm_base = baseZeroShotFitter;
  return out;
}
