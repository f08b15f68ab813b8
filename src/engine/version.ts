/**
 * Bumped whenever saved-model layout or feature engineering changes; saved models must match.
 * 1.1.0: per-window LSTM normalisation, no absolute level input (a 1.0.0 model is refused and retrained).
 */
export const ENGINE_VERSION = '1.1.0';
