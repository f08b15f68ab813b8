import type { BaseMethod } from './api';
import { mstlAvailable, mstlFitter } from './mstl';
import type { MethodFitter } from './pipeline';

import { lstmFitter } from './lstm/fitter';

/** Fitters for the non-trivial methods available in this runtime (naive/seasonal naive are built in). */
export function registeredFitters(): Partial<Record<BaseMethod, MethodFitter>> {
  const out: Partial<Record<BaseMethod, MethodFitter>> = {};
  if (mstlAvailable()) {
    out.mstl = mstlFitter;
  }
  out.lstm = lstmFitter;
  return out;
}
