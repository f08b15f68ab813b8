/**
 * One evaluation of one job: read the current replicas (when the job has a query for them), run the
 * use case for the job's series (this shard's share), and keep the answer as the job's last good
 * result. A failure keeps the last good result in place (metrics keep serving it, its age grows) and
 * is counted by reason; nothing fails silently: every notice is logged and kept with the result.
 */
import type { Clock, RangeSource } from '../advisor/ports';
import { ForesightError, toForesightError } from '../advisor/errors';
import { groupBySentence } from '../common/grouped';
import type { QueryResult } from '../contract/types';
import { labelsKey } from '../io/prometheus/merge';
import { adviseJob, type AdvisorDepsForJobs } from './advisorRun';
import type { JobConfig } from './config';
import { replicaLookup, type ReplicaLookup, type ReplicaSample } from './currentReplicas';
import type { FailureLog } from './failureLog';
import type { ForesightMetrics } from './metrics';
import { type NoticeLog, withoutFigures } from './noticeLog';
import type { Shard } from './shard';

/** The source the evaluator reads from: range queries for the use case, one instant for replicas. */
export interface JobSource extends RangeSource {
  /** `refId` names the query in log lines (Prometheus's warnings). */
  instant(expr: string, nowMs: number, signal?: AbortSignal, refId?: string): Promise<ReplicaSample[]>;
}

export interface JobState {
  job: JobConfig;
  last?: { result: QueryResult; atMs: number; durationMs: number; notes: string[] };
  lastError?: { reason: string; message: string; atMs: number };
  evaluations: number;
  failures: number;
}

export interface EvaluatorDeps {
  source: JobSource;
  advisor: AdvisorDepsForJobs;
  metrics: ForesightMetrics;
  clock: Clock;
  shard?: Shard;
  log(line: string): void;
  /** Where the series' notes go: each at once, then hourly while it repeats, figures aside. */
  notices: NoticeLog;
  /** Where failed evaluations go: the first of a run at once, repeats counted, the recovery said. */
  failures: FailureLog;
}

export function newJobState(job: JobConfig): JobState {
  return { job, evaluations: 0, failures: 0 };
}

async function currentReplicas(deps: EvaluatorDeps, job: JobConfig, signal?: AbortSignal): Promise<ReplicaLookup> {
  if (!job.currentReplicasQuery) {
    return replicaLookup([]);
  }
  try {
    const samples = await deps.source.instant(
      job.currentReplicasQuery,
      deps.clock.now(),
      signal,
      `${job.name} (currentReplicasQuery)`
    );
    return replicaLookup(samples, job.currentReplicasQuery);
  } catch (err) {
    // said as the replica query's, not read as an error in the job's main query
    const e = toForesightError(err);
    e.message = `currentReplicasQuery ${job.currentReplicasQuery}: ${e.message}`;
    throw e;
  }
}

/** Sentences about what this run replaced or dropped: the use case's notices plus the replica fallbacks. */
function runNotes(job: JobConfig, result: QueryResult, replicas: ReplicaLookup): string[] {
  const notes = [...result.errors];
  if (replicas.note) {
    notes.push(replicas.note);
  }
  if (replicas.perSeries) {
    const unmatched = result.series
      .filter((s) => replicas.forSeries(s.labels) === undefined)
      .map((s) => labelsKey(s.labels));
    if (unmatched.length > 0) {
      notes.push(
        `currentReplicasQuery has no single series sharing labels with ${unmatched.slice(0, 5).join(', ')}` +
          `${unmatched.length > 5 ? ` and ${unmatched.length - 5} more` : ''}; those plan from the policy's minimum replicas`
      );
    }
  }
  notes.push(...seriesNotes(result));
  return notes;
}

/**
 * Each series warning once, with the series it concerns: "{instance="a"}, {instance="b"} and 43 more:
 * Data is stale: …". Why: a job of 45 stale series logged the same unlabelled sentence 45 times.
 */
function seriesNotes(result: QueryResult): string[] {
  return groupBySentence(
    result.series.flatMap((s) => (s.warnings ?? []).map((sentence) => ({ who: labelsKey(s.labels), sentence })))
  );
}

/** Evaluates a job once; true on success. Never throws (except for bugs in the metrics code). */
export async function evaluateJob(deps: EvaluatorDeps, state: JobState, signal?: AbortSignal): Promise<boolean> {
  const { job } = state;
  const started = deps.clock.now();
  state.evaluations += 1;
  try {
    const replicas = await currentReplicas(deps, job, signal);
    const result = await adviseJob(deps.advisor, { source: deps.source, job, shard: deps.shard, replicas, signal });
    if (result.series.length === 0 && result.errors.length > 0) {
      // series came back but none could be forecast: a failure, or an alert on result age never fires
      throw new ForesightError('engine', `no series could be forecast: ${result.errors.join(' ')}`);
    }
    const durationMs = deps.clock.now() - started;
    const notes = runNotes(job, result, replicas);
    state.last = { result, atMs: deps.clock.now(), durationMs, notes };
    deps.metrics.recordSuccess(job.name, result, job.horizonMs, durationMs / 1000);
    deps.failures.succeeded(job.name);
    deps.log(`job ${job.name}: ${result.series.length} series in ${(durationMs / 1000).toFixed(1)} s`);
    notes.forEach((n) => deps.notices.say(job.name, n, withoutFigures(n)));
    return true;
  } catch (err) {
    const e = toForesightError(err);
    const durationMs = deps.clock.now() - started;
    state.failures += 1;
    state.lastError = { reason: e.kind, message: e.message, atMs: deps.clock.now() };
    deps.metrics.recordFailure(job.name, e.kind, durationMs / 1000);
    const kept = state.last ? `; still serving the result from ${new Date(state.last.atMs).toISOString()}` : '';
    deps.failures.failed(job.name, e.kind, e.message, kept);
    return false;
  }
}
