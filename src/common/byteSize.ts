/**
 * Sizes people type in a config (`512MiB`, `2GiB`, `500MB`): binary units are powers of 1024, decimal
 * ones powers of 1000, as `du`, Kubernetes and Prometheus's own `--storage.tsdb.retention.size`
 * spell them. A bare number is refused: "512" could mean bytes or megabytes, and a store that
 * guesses bytes would evict every model.
 */
import { typedText } from './typedText';

const UNIT_BYTES: Record<string, number> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
};
const SIZE_RE = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/;

/** Whole bytes in `text`, or undefined when it is not a size with a unit. */
export function parseByteSize(text: string): number | undefined {
  const match = SIZE_RE.exec(String(text ?? '').trim());
  return match ? Math.round(Number(match[1]) * UNIT_BYTES[match[2]]) : undefined;
}

/** `text` as a message quotes it, with the units that would have been accepted. */
export function byteSizeProblem(text: unknown): string {
  return `"${typedText(String(text))}" is not a size; use e.g. 512MiB, 2GiB or 500MB`;
}
