/**
 * The headless runner's configuration: a YAML file of jobs, read with js-yaml's default (safe)
 * schema, so a tag can never construct a function or any object other than plain data. The whole
 * file is validated before anything starts, and every problem is named with its path
 * (`jobs[2].horizon: "1x" is not a duration like 15m or 1h`), so one run of `serve` lists them all.
 * The checks are the data source's own (policy, LSTM options, durations, grid budget).
 */
import { load } from 'js-yaml';
import type { ComputeBackend, LstmOptions, MethodChoice } from '../engine/api';
import { assertGridFits } from '../engine/budget';
import { byteSizeProblem, parseByteSize } from '../common/byteSize';
import { formatDuration, MAX_TIMER_MS } from '../common/duration';
import { baseUrlProblem, shownUrl } from '../io/prometheus';
import { MAX_HORIZON, REQUESTABLE_METHODS } from '../engine/methods';
import { LSTM_DEFAULTS, validateLstmOptions } from '../engine/options';
import { DEFAULT_POLICY } from '../policy/defaults';
import { PolicyValidationError, validatePolicy } from '../policy/validate';
import type { ScalingPolicy } from '../policy/types';
import { horizonSteps, resolveTrainingStepMs, windowProblem } from '../advisor/grid';
import { DEFAULT_LSTM_WINDOW, minimumPoints, tooLittleHistory } from '../engine/requirements';
import { methodNameInSentence } from '../common/methodNames';
import { isObj, Problems, show } from './configProblems';
import { parseListen, type ListenAddress } from './listen';
import { parseShard, type Shard } from './shard';

export type HeadlessModelMode = 'train' | 'auto-retrain';

export interface JobConfig {
  name: string;
  query: string;
  trainingWindow: string;
  trainingStep: string;
  horizon: string;
  method: MethodChoice;
  modelMode: HeadlessModelMode;
  maxModelAge?: string;
  maxRelMae?: number;
  lstm?: LstmOptions;
  policy: Partial<ScalingPolicy>;
  currentReplicasQuery?: string;
  retireThreshold?: number;
  unit?: string;
  legendFormat?: string;
  /** Evaluation interval as written (`1m`) and in ms. */
  interval: string;
  intervalMs: number;
  /** Horizon in ms (for the `lead` ladder). */
  horizonMs: number;
  /** Training step in ms (`auto` resolved). */
  stepMs: number;
}

export interface ServeConfig {
  listen: ListenAddress;
  prometheus: { url: string; timeoutMs: number };
  modelDir: string;
  /** Most bytes the model directory keeps before least recently used models go (`modelDirMaxSize`). */
  modelDirMaxBytes: number;
  shard?: Shard;
  backend: ComputeBackend;
  /** Most series one job forecasts (one model each); more are dropped with a notice. */
  maxSeries: number;
  jobs: JobConfig[];
}

export interface ConfigResult {
  config?: ServeConfig;
  /** Every problem, one line each, prefixed with its path. */
  errors: string[];
  /** Accepted, but worth saying (e.g. listening beyond loopback). */
  warnings: string[];
}

export const DEFAULT_LISTEN = '127.0.0.1:9464';
export const DEFAULT_TIMEOUT = '30s';
export const DEFAULT_MAX_SERIES = 100;
export const DEFAULT_MODEL_DIR_MAX_SIZE = '512MiB';
/** Below a megabyte the store could not keep even a few models; past a tebibyte a typo is likelier than a plan. */
const MODEL_DIR_MIN_BYTES = 1024 ** 2;
const MODEL_DIR_MAX_BYTES = 1024 ** 4;
/** What the engine accepts, `auto` (the default) first. */
const METHODS: readonly MethodChoice[] = ['auto', ...REQUESTABLE_METHODS.filter((m) => m !== 'auto')];
const MODEL_MODES: readonly HeadlessModelMode[] = ['train', 'auto-retrain'];
const BACKENDS: readonly ComputeBackend[] = ['auto', 'wasm', 'cpu'];
const TOP_KEYS = ['listen', 'prometheus', 'modelDir', 'modelDirMaxSize', 'shard', 'backend', 'maxSeries', 'jobs'];
const PROMETHEUS_KEYS = ['url', 'timeout'];
const JOB_KEYS = [
  'name',
  'query',
  'trainingWindow',
  'trainingStep',
  'horizon',
  'method',
  'modelMode',
  'maxModelAge',
  'maxRelMae',
  'lstm',
  'policy',
  'currentReplicasQuery',
  'retireThreshold',
  'unit',
  'legendFormat',
  'interval',
];
/** Job names become the `job` label and file-name hashes; keep them printable and short. */
const JOB_NAME_RE = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * Parses YAML text and validates it, with command-line `overrides` (`--listen`, `--shard`) put in
 * place first so they pass the same checks. Never throws for bad input: problems come back as `errors`.
 */
export function parseConfig(text: string, source = 'config', overrides: Record<string, unknown> = {}): ConfigResult {
  let raw: unknown;
  try {
    raw = load(text, { filename: source });
  } catch (e) {
    return { errors: [`${source}: not valid YAML: ${e instanceof Error ? e.message : String(e)}`], warnings: [] };
  }
  return validateConfig(isObj(raw) ? { ...raw, ...overrides } : raw, new Set(Object.keys(overrides)));
}

/**
 * Validates an already-parsed document (YAML or JSON) and fills defaults. Keys in `fromFlags` came
 * from the command line, so their problems are named by the flag (`--shard: …`), not as the file's.
 */
export function validateConfig(raw: unknown, fromFlags: ReadonlySet<string> = new Set()): ConfigResult {
  const p = new Problems();
  const where = (key: string) => (fromFlags.has(key) ? `--${key}` : key);
  if (!isObj(raw)) {
    p.add('(top)', `the config must be a mapping with prometheus, modelDir and jobs (got ${show(raw)})`);
    return { errors: p.errors, warnings: p.warnings };
  }
  // `x-` keys hold YAML anchors for the jobs to share (docker compose's convention); not read.
  p.unknownKeys('', raw, [...TOP_KEYS, ...Object.keys(raw).filter((k) => k.startsWith('x-'))]);
  const listen = readListen(p, raw.listen, where('listen'));
  const prometheus = readPrometheus(p, raw.prometheus);
  const modelDir = p.string('modelDir', raw.modelDir, true);
  const modelDirMaxBytes = readModelDirMaxSize(p, raw.modelDirMaxSize);
  let shard: Shard | undefined;
  if (raw.shard !== undefined && raw.shard !== null) {
    try {
      shard = parseShard(String(raw.shard));
    } catch (e) {
      p.add(where('shard'), (e as Error).message);
    }
  }
  const backend = p.oneOf('backend', raw.backend, BACKENDS, 'auto');
  const maxSeries =
    p.number('maxSeries', raw.maxSeries, (n) =>
      Number.isInteger(n) && n >= 1 && n <= 10_000 ? undefined : `must be a whole number from 1 to 10000 (got ${n})`
    ) ?? DEFAULT_MAX_SERIES;
  const jobs = readJobs(p, raw.jobs);
  if (p.errors.length > 0 || !listen || !prometheus || !modelDir || modelDirMaxBytes === undefined) {
    return { errors: p.errors, warnings: p.warnings };
  }
  return {
    config: { listen, prometheus, modelDir, modelDirMaxBytes, shard, backend, maxSeries, jobs },
    errors: [],
    warnings: p.warnings,
  };
}

function readListen(p: Problems, v: unknown, path: string): ListenAddress | undefined {
  const text = v === undefined || v === null ? DEFAULT_LISTEN : String(v);
  try {
    const listen = parseListen(text);
    if (!listen.loopback) {
      p.warn(path, `${text} is reachable beyond this machine; /metrics and /api/v1/results are not authenticated`);
    }
    return listen;
  } catch (e) {
    p.add(path, (e as Error).message);
    return undefined;
  }
}

function readModelDirMaxSize(p: Problems, v: unknown): number | undefined {
  const text = v === undefined || v === null ? DEFAULT_MODEL_DIR_MAX_SIZE : v;
  const bytes = typeof text === 'string' ? parseByteSize(text) : undefined;
  if (bytes === undefined) {
    p.add('modelDirMaxSize', byteSizeProblem(typeof text === 'string' ? text : show(text)));
    return undefined;
  }
  if (bytes < MODEL_DIR_MIN_BYTES || bytes > MODEL_DIR_MAX_BYTES) {
    p.add('modelDirMaxSize', `${show(text)} must be from 1MiB to 1TiB`);
    return undefined;
  }
  return bytes;
}

function readPrometheus(p: Problems, v: unknown): ServeConfig['prometheus'] | undefined {
  if (!isObj(v)) {
    p.add(
      'prometheus',
      v === undefined
        ? 'is required (prometheus: { url: http://127.0.0.1:9090 })'
        : `must be a mapping (got ${show(v)})`
    );
    return undefined;
  }
  p.unknownKeys('prometheus', v, PROMETHEUS_KEYS);
  const url = p.string('prometheus.url', v.url, true);
  const problem = url === undefined ? undefined : baseUrlProblem(url);
  if (url !== undefined && problem) {
    p.add('prometheus.url', `${show(shownUrl(url))} ${problem}`);
  }
  const timeout = p.duration('prometheus.timeout', v.timeout, DEFAULT_TIMEOUT);
  if (timeout && timeout.ms > MAX_TIMER_MS) {
    p.add('prometheus.timeout', `${show(timeout.text)} is longer than 24d, the longest a timer can wait`);
  }
  return url && timeout ? { url: url.replace(/\/+$/, ''), timeoutMs: timeout.ms } : undefined;
}

function readJobs(p: Problems, v: unknown): JobConfig[] {
  if (!Array.isArray(v) || v.length === 0) {
    p.add(
      'jobs',
      v === undefined ? 'is required: a list of at least one job' : `must be a non-empty list (got ${show(v)})`
    );
    return [];
  }
  const jobs: JobConfig[] = [];
  const seen = new Map<string, number>();
  v.forEach((item, i) => {
    const job = readJob(p, `jobs[${i}]`, item);
    if (!job) {
      return;
    }
    const first = seen.get(job.name);
    if (first !== undefined) {
      p.add(`jobs[${i}].name`, `"${job.name}" is already the name of jobs[${first}]; job names must be unique`);
      return;
    }
    seen.set(job.name, i);
    jobs.push(job);
  });
  return jobs;
}

/** One job, every field checked (and reported) even when an earlier one is already wrong. */
function readJob(p: Problems, path: string, v: unknown): JobConfig | undefined {
  if (!isObj(v)) {
    p.add(path, `must be a mapping with name, query, horizon, interval … (got ${show(v)})`);
    return undefined;
  }
  const before = p.errors.length;
  p.unknownKeys(path, v, JOB_KEYS);
  const name = p.string(`${path}.name`, v.name, true);
  if (name !== undefined && !JOB_NAME_RE.test(name)) {
    p.add(`${path}.name`, `${show(name)} must be 1–64 letters, digits or _ . : -`);
  }
  const query = p.string(`${path}.query`, v.query, true);
  const window = p.duration(`${path}.trainingWindow`, v.trainingWindow, '7d');
  const stepText = v.trainingStep === undefined || v.trainingStep === null ? 'auto' : String(v.trainingStep);
  const horizon = p.duration(`${path}.horizon`, v.horizon);
  const interval = p.duration(`${path}.interval`, v.interval);
  const method = p.oneOf(`${path}.method`, v.method, METHODS, 'auto');
  const modelMode = p.oneOf(`${path}.modelMode`, v.modelMode, MODEL_MODES, 'train');
  const maxModelAge = v.maxModelAge === undefined ? undefined : p.duration(`${path}.maxModelAge`, v.maxModelAge)?.text;
  const maxRelMae = p.number(`${path}.maxRelMae`, v.maxRelMae, (n) =>
    n > 0 ? undefined : `must be above 0 (got ${n})`
  );
  const retireThreshold = p.number(`${path}.retireThreshold`, v.retireThreshold, (n) =>
    n >= 0 ? undefined : `must be 0 or more (got ${n})`
  );
  const currentReplicasQuery = p.string(`${path}.currentReplicasQuery`, v.currentReplicasQuery, false);
  const unit = p.string(`${path}.unit`, v.unit, false);
  const legendFormat =
    v.legendFormat === undefined ? undefined : p.string(`${path}.legendFormat`, v.legendFormat, false);
  const lstm = readLstm(p, `${path}.lstm`, v.lstm);
  const policy = readPolicy(p, `${path}.policy`, v.policy);
  const stepMs = window ? readStep(p, path, stepText, window.ms, horizon?.ms) : undefined;
  const short =
    window && horizon && stepMs !== undefined && p.errors.length === before
      ? historyProblem(window, stepMs, horizon.ms, method, lstm?.window)
      : undefined;
  if (short) {
    p.add(`${path}.trainingWindow`, short);
  }
  if (interval && interval.ms < 1000) {
    p.add(`${path}.interval`, `${show(interval.text)} is shorter than 1s`);
  }
  // a longer wait overflows Node's timer, which then fires at once: the job ran in a tight loop
  if (interval && interval.ms > MAX_TIMER_MS) {
    p.add(`${path}.interval`, `${show(interval.text)} is longer than 24d, the longest a timer can wait`);
  }
  if (p.errors.length > before || !name || !query || !window || !horizon || !interval || stepMs === undefined) {
    return undefined;
  }
  return {
    name,
    query,
    trainingWindow: window.text,
    trainingStep: stepText,
    horizon: horizon.text,
    method,
    modelMode,
    maxModelAge,
    maxRelMae,
    lstm,
    policy: policy ?? {},
    currentReplicasQuery,
    retireThreshold,
    unit,
    legendFormat,
    interval: interval.text,
    intervalMs: interval.ms,
    horizonMs: horizon.ms,
    stepMs,
  };
}

/**
 * A training window that can never hold enough points for the job's method, found when the file is
 * read instead of as a failure at every tick (the README promises exit 2 and every problem listed).
 * `auto` falls back to the last value, so its floor is naive's; an explicit method needs its own.
 * Gaps in the data can only make the window hold fewer points, never more.
 */
function historyProblem(
  window: { text: string; ms: number },
  stepMs: number,
  horizonMs: number,
  method: MethodChoice,
  lstmWindow: number | undefined
): string | undefined {
  const tooShort = windowProblem(window.text, window.ms, stepMs);
  if (tooShort) {
    return tooShort;
  }
  const cheapest = method === 'auto' ? 'naive' : method;
  // the grid has a point at each end of the window; the sentence counts the window's own span
  const steps = Math.floor(window.ms / stepMs);
  const horizon = horizonSteps(horizonMs, stepMs);
  const lookBack = lstmWindow ?? DEFAULT_LSTM_WINDOW;
  if (steps + 1 >= minimumPoints(cheapest, stepMs, horizon, lookBack)) {
    return undefined;
  }
  const who = method === 'auto' ? "even the last value (naive), auto's fallback" : methodNameInSentence(cheapest);
  return `${show(window.text)} is too short for ${who}: ${tooLittleHistory(cheapest, steps, stepMs, horizon, lookBack)}`;
}

/** The training step (`auto` resolved), checked against the window's point budget and the horizon. */
function readStep(p: Problems, path: string, text: string, windowMs: number, horizonMs?: number): number | undefined {
  let stepMs: number;
  try {
    stepMs = resolveTrainingStepMs(text, windowMs);
  } catch {
    p.add(`${path}.trainingStep`, `${show(text)} is not "auto" or a whole-second duration like 60s or 5m`);
    return undefined;
  }
  try {
    assertGridFits(Math.floor(windowMs / stepMs) + 1, stepMs);
  } catch (e) {
    p.add(`${path}.trainingWindow`, (e as Error).message);
  }
  if (horizonMs !== undefined && horizonMs < stepMs) {
    // An automatic step grows with the window: say so, or the horizon looks like the mistake.
    const why = text.trim() === 'auto' ? `, the automatic step for a ${formatDuration(windowMs)} training window` : '';
    p.add(
      `${path}.horizon`,
      `${horizonMs / 1000}s is shorter than one training step (${stepMs / 1000}s${why}); shorten the training window or set trainingStep`
    );
  }
  if (horizonMs !== undefined && horizonMs / stepMs > MAX_HORIZON) {
    p.add(
      `${path}.horizon`,
      `is ${Math.round(horizonMs / stepMs).toLocaleString('en-US')} training steps of ${stepMs / 1000}s; at most ${MAX_HORIZON.toLocaleString('en-US')}`
    );
  }
  return stepMs;
}

function readLstm(p: Problems, path: string, v: unknown): LstmOptions | undefined {
  if (v === undefined || v === null) {
    return undefined;
  }
  if (!isObj(v)) {
    p.add(path, `must be a mapping like { epochs: 16 } (got ${show(v)})`);
    return undefined;
  }
  p.unknownKeys(path, v, Object.keys(LSTM_DEFAULTS));
  try {
    validateLstmOptions(v as LstmOptions);
  } catch (e) {
    p.add(path, (e as Error).message);
    return undefined;
  }
  return v as LstmOptions;
}

function readPolicy(p: Problems, path: string, v: unknown): Partial<ScalingPolicy> | undefined {
  if (v === undefined || v === null) {
    return undefined;
  }
  if (!isObj(v)) {
    p.add(path, `must be a mapping like { kind: target, capacityPerReplica: 250 } (got ${show(v)})`);
    return undefined;
  }
  p.unknownKeys(path, v, [...Object.keys(DEFAULT_POLICY), 'unit']);
  try {
    validatePolicy(v as Partial<ScalingPolicy>);
  } catch (e) {
    if (e instanceof PolicyValidationError) {
      e.problems.forEach((problem) => p.add(path, problem));
    } else {
      p.add(path, (e as Error).message);
    }
    return undefined;
  }
  return v as Partial<ScalingPolicy>;
}
