/**
 * The one place the headless runner calls the use case (`QueryAdvisor`): a job becomes a
 * `ForecastSpec`, its shard becomes the advisor's series filter, and its current replicas (read per
 * series from the job's `currentReplicasQuery`) the advisor's per-series replica count: one fetch
 * and one fit per evaluation, however many replica counts there are.
 *
 * The advisor re-plans on a kept forecast only when the spec changed in advice fields alone; a
 * job's spec is the same every evaluation, so every evaluation forecasts from fresh data. A new
 * advisor per evaluation keeps that true by construction; models persist in the model cache, which is
 * what a restart or the next interval reuses.
 */
import type { ForecastRunner, ModelCache, RangeSource, Clock } from '../advisor/ports';
import { QueryAdvisor } from '../advisor/queryAdvisor';
import { withSpecDefaults, type ForecastSpec } from '../advisor/spec';
import type { QueryResult } from '../contract/types';
import type { ComputeBackend } from '../engine/api';
import { labelsKey } from '../io/prometheus/merge';
import type { JobConfig } from './config';
import type { ReplicaLookup } from './currentReplicas';
import { inShard, type Shard } from './shard';

export interface AdvisorDepsForJobs {
  runner(): Promise<ForecastRunner>;
  modelCache: ModelCache;
  clock: Clock;
  backend: ComputeBackend;
  maxSeries: number;
}

export function jobSpec(job: JobConfig, currentReplicas?: number): ForecastSpec {
  return withSpecDefaults({
    refId: job.name,
    expr: job.query,
    legendFormat: job.legendFormat,
    unit: job.unit,
    trainingWindow: job.trainingWindow,
    trainingStep: job.trainingStep,
    horizon: job.horizon,
    method: job.method,
    modelMode: job.modelMode,
    maxModelAge: job.maxModelAge,
    maxRelMae: job.maxRelMae,
    lstm: job.lstm,
    policy: job.policy,
    currentReplicas,
    retireThreshold: job.retireThreshold,
  });
}

export interface AdviseJobInput {
  source: RangeSource;
  job: JobConfig;
  shard?: Shard;
  replicas: ReplicaLookup;
  signal?: AbortSignal;
}

export async function adviseJob(deps: AdvisorDepsForJobs, input: AdviseJobInput): Promise<QueryResult> {
  const { job, shard, replicas } = input;
  const advisor = new QueryAdvisor({
    runner: deps.runner,
    modelCache: deps.modelCache,
    clock: deps.clock,
    settings: { backend: deps.backend, maxSeries: deps.maxSeries, storage: 'indexeddb' },
  });
  return advisor.run(jobSpec(job), {
    prometheus: async () => input.source,
    slot: job.name,
    timeZone: 'UTC',
    signal: input.signal,
    selectSeries: (labels) => inShard(shard, job.name, labelsKey(labels)),
    currentReplicasFor: (labels) => replicas.forSeries(labels),
  });
}
