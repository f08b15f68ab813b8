import type { ForecastOutcome } from '../engine/api';
import type { BacktestResult } from '../engine/backtest';

function num(x: number | undefined, digits = 3): string {
  return x === undefined || !Number.isFinite(x) ? '—' : x.toPrecision(digits);
}

/** What reading the input did, in words (rows of the CSV that could not be read). */
export function inputNotes(badRows: number): string[] {
  return badRows > 0
    ? [`note: ${badRows} CSV row(s) could not be read (bad timestamp or value) and were skipped.`]
    : [];
}

export function formatBacktest(r: BacktestResult): string {
  const lines = [
    `${r.series}: ${r.points} points, step ${r.stepSeconds}s, horizon ${r.horizon}, ${r.origins} origins`,
    'method          MAE        RMSE       MASE   cov80  cov95  fit ms',
  ];
  for (const [name, s] of Object.entries(r.methods)) {
    if (!s) {
      continue;
    }
    const chosen = 'chosen' in s ? ` (chose ${s.chosen})` : '';
    lines.push(
      `${name.padEnd(15)} ${num(s.mae, 5).padEnd(10)} ${num(s.rmse, 5).padEnd(10)} ${num(s.mase).padEnd(6)} ${num(s.coverage80, 2).padEnd(6)} ${num(s.coverage95, 2).padEnd(6)} ${Math.round(s.fitMs)}${chosen}`
    );
  }
  const auto = r.methods.auto;
  if (auto) {
    // auto's row is not a free pick of the best test score: the choice was made before the test.
    lines.push(
      `auto chose ${auto.chosen} on an earlier validation stretch (the history before the first test origin), ` +
        'so its row is an honest out-of-sample score, not the best of the rows above.'
    );
  }
  for (const s of r.skipped) {
    lines.push(`${s.method} skipped: ${s.reason}`);
  }
  return lines.join('\n');
}

export function formatForecast(o: ForecastOutcome): string {
  const f = o.forecast;
  const lines = [
    `method ${f.method} (requested ${o.report.requested}), validation MASE ${num(o.report.mase)}, coverage95 ${num(o.report.coverage95, 2)}`,
  ];
  if (o.report.warning) {
    lines.push(`warning: ${o.report.warning}`);
  }
  for (const s of o.report.skipped ?? []) {
    lines.push(`${s.method} skipped: ${s.reason}`);
  }
  // Preparation notes (dropped, duplicate or averaged samples, filled gaps); skip the ones that
  // repeat a skipped candidate (older readers get those as "lstm skipped: …" notes as well).
  const skippedPrefixes = (o.report.skipped ?? []).map((s) => `${s.method} skipped: `);
  for (const note of o.report.notes ?? []) {
    if (!skippedPrefixes.some((prefix) => note.startsWith(prefix))) {
      lines.push(`note: ${note}`);
    }
  }
  lines.push('time                      mean        80 %                  95 %');
  f.mean.forEach((m, h) => {
    const t = new Date(f.startMs + h * f.stepMs).toISOString();
    lines.push(
      `${t}  ${num(m, 5).padEnd(10)}  [${num(f.lower80[h], 4)}, ${num(f.upper80[h], 4)}]  [${num(f.lower95[h], 4)}, ${num(f.upper95[h], 4)}]`
    );
  });
  return lines.join('\n');
}
