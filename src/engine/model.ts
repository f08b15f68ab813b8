import type { BaseMethod, SavedModel } from './api';

/**
 * A method fitted on values[0..fitEnd). `predict` gives the point forecast values[o..o+H) for each
 * origin o ≥ fitEnd - (validation origins are allowed too) using only values[0..o).
 */
export interface FittedModel {
  method: BaseMethod;
  fitMs: number;
  /** What fitting did that the user must be told (e.g. stopped by the training time limit). */
  notes?: string[];
  predict(values: Float64Array, origins: number[], horizon: number): Promise<Float64Array[]>;
  dispose(): void;
}

export interface ExportableModel extends FittedModel {
  /** Serialises the trained network and its metadata (fingerprint/report are filled in by the caller). */
  exportModel(): Promise<SavedModel>;
}

export function isExportable(m: FittedModel): m is ExportableModel {
  return typeof (m as Partial<ExportableModel>).exportModel === 'function';
}
