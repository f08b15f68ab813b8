/** Bumped whenever saved-model layout or feature engineering changes; saved models must match. */
export const ENGINE_VERSION = '1.0.0';
