import type { ForecastOutcome } from '../engine/api';
import type { BacktestResult } from '../engine/backtest';

function num(x: number | undefined, digits = 3): string {
  return x === undefined || !Number.isFinite(x) ? '—' : x.toPrecision(digits);
}

/** What reading the input did, in words (rows of the CSV that could not be read). */
export function inputNotes(badRows: number): string[] {
  return badRows > 0 ? [`${badRows} CSV row(s) could not be read (bad timestamp or value) and were skipped.`] : [];
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
    // auto's row is not a free pick of the best test score: each choice was made before its origin.
    lines.push(autoLine(auto.chosen, auto.choices, auto.switches, r.origins));
  }
  for (const s of r.skipped) {
    lines.push(`${s.method} skipped: ${s.reason}`);
  }
  const overflow = rmseOverflowNote(r);
  if (overflow) {
    lines.push(overflow);
  }
  for (const note of r.notes) {
    lines.push(`note: ${note}`);
  }
  return lines.join('\n');
}

/**
 * Why an RMSE cell reads "—" when the errors themselves were finite: a squared error past ~1.3e154
 * is Infinity in a double, so the mean of squares (and its root) overflows while MAE and MASE,
 * which never square, stay exact. Without this line a dash reads as "not computed" or as a bug.
 */
function rmseOverflowNote(r: BacktestResult): string | undefined {
  const overflowed = Object.entries(r.methods).filter(([, s]) => s !== undefined && s.rmse === Infinity);
  if (overflowed.length === 0) {
    return undefined;
  }
  // errors near 1e308 overflow even their plain sum; then MAE is a dash too and the claim would be false
  const maeExact = overflowed.every(([, s]) => Number.isFinite(s?.mae));
  return (
    `note: RMSE not shown for ${overflowed.map(([name]) => name).join(', ')}: the squared errors overflow a double ` +
    `(errors of about 1e154 or more)${maeExact ? '; MAE and MASE are unaffected' : ''}.`
  );
}

/** How auto chose over the test region, in words ("auto showed ses at 7 of 9 origins, lstm_base at 2; 1 switch"). */
function autoLine(
  chosen: string,
  choices: Partial<Record<string, number>> | undefined,
  switches: number | undefined,
  origins: number
): string {
  const counts = Object.entries(choices ?? { [chosen]: origins })
    .filter((e): e is [string, number] => (e[1] ?? 0) > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([m, k], i) => (i === 0 ? `${m} at ${k} of ${origins} origins` : `${m} at ${k}`));
  const switched = switches === undefined ? '' : `; ${switches} switch${switches === 1 ? '' : 'es'}`;
  return (
    `auto re-chose at every test origin from the errors each candidate made before it (it showed ${counts.join(', ')}${switched}), ` +
    'so its row is an honest out-of-sample score, not the best of the rows above.'
  );
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
    // a note the warning line already says (the LSTM trained from scratch) is printed once
    const inWarning = o.report.warning?.includes(note.replace(/\.$/, '')) ?? false;
    if (!inWarning && !skippedPrefixes.some((prefix) => note.startsWith(prefix))) {
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
