/** The `--once` summary: one line per job, in words, then its notes. */
import type { JobState } from './evaluateJob';
import { nextAction } from './resultSamples';

function counts(values: string[]): string {
  const tally = new Map<string, number>();
  values.forEach((v) => tally.set(v, (tally.get(v) ?? 0) + 1));
  return [...tally].map(([k, n]) => `${k}×${n}`).join(' ') || 'none';
}

export function summaryLines(states: readonly JobState[]): string[] {
  const lines: string[] = [];
  for (const s of states) {
    if (!s.last) {
      lines.push(`${s.job.name}: FAILED (${s.lastError?.reason ?? 'not run'}): ${s.lastError?.message ?? ''}`);
      continue;
    }
    const series = s.last.result.series;
    lines.push(
      `${s.job.name}: ok, ${series.length} series in ${(s.last.durationMs / 1000).toFixed(1)} s; ` +
        `methods ${counts(series.map((x) => x.report.method))}; ` +
        `models ${counts(series.map((x) => x.run?.model ?? 'trained'))}; ` +
        `next actions ${counts(series.map((x) => nextAction(x) ?? 'none'))}`
    );
    s.last.notes.forEach((n) => lines.push(`  note: ${n}`));
  }
  return lines;
}
