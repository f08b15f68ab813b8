/**
 * Writes native histogram samples into a real Prometheus through its remote-write receiver, so tests
 * can query what a Prometheus with native histograms answers. OpenMetrics text (what `promtool`
 * backfills) has no native histograms, and scraping them needs the protobuf exposition format, so
 * this encodes the remote-write `WriteRequest` (prompb, version 1) by hand: a few message types, no
 * protobuf library. Prometheus requires a snappy-encoded body; snappy's block format with literals
 * only is valid snappy (the format never obliges a writer to compress), so no codec is needed either.
 */

/** One native histogram sample: exponential buckets of schema 0 (bounds 0.5–1, 1–2, 2–4). */
export interface HistogramSample {
  timeMs: number;
  /** Observations in each of the three buckets. */
  buckets: [number, number, number];
  sum: number;
}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;

/** Protobuf's base-128 varint; exact up to 2^53, which timestamps in ms and counts stay below. */
function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

/** Protobuf's sint encoding: small negative numbers stay short. */
const zigzag = (n: number): number => (n < 0 ? -2 * n - 1 : 2 * n);
const tag = (field: number, wire: number) => varint((field << 3) | wire);
const uint = (field: number, n: number) => [...tag(field, WIRE_VARINT), ...varint(n)];
const sint = (field: number, n: number) => [...tag(field, WIRE_VARINT), ...varint(zigzag(n))];
const bytes = (field: number, data: number[]) => [...tag(field, WIRE_BYTES), ...varint(data.length), ...data];
const text = (field: number, s: string) => bytes(field, [...Buffer.from(s, 'utf8')]);
function double(field: number, x: number): number[] {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(x);
  return [...tag(field, WIRE_FIXED64), ...b];
}

/** prompb.Histogram: integer counts, one positive span of three buckets, counts as deltas. */
function histogramMessage(sample: HistogramSample): number[] {
  const [a, b, c] = sample.buckets;
  const span = [...sint(1, 0), ...uint(2, 3)];
  const deltas = [a, b - a, c - b].flatMap((d) => varint(zigzag(d)));
  return [
    ...uint(1, a + b + c), // count_int
    ...double(3, sample.sum),
    ...sint(4, 0), // schema
    ...double(5, 1e-128), // zero_threshold
    ...uint(6, 0), // zero_count_int
    ...bytes(11, span), // positive_spans
    ...bytes(12, deltas), // positive_deltas (packed sint64)
    ...uint(15, sample.timeMs), // timestamp (int64, not zigzag)
  ];
}

/** A `WriteRequest` with one series of histogram samples (oldest first, as Prometheus appends them). */
export function histogramWriteRequest(labels: Record<string, string>, samples: HistogramSample[]): Buffer {
  const labelPairs = Object.keys(labels)
    .sort()
    .flatMap((name) => bytes(1, [...text(1, name), ...text(2, labels[name])]));
  const histograms = samples.flatMap((s) => bytes(4, histogramMessage(s)));
  return Buffer.from(bytes(1, [...labelPairs, ...histograms]));
}

/** Snappy block format, literals only: the uncompressed length, then ≤ 64 KiB literal runs. */
export function snappyLiterals(data: Buffer): Buffer {
  const out: number[] = [...varint(data.length)];
  for (let i = 0; i < data.length; i += 65_536) {
    const run = data.subarray(i, i + 65_536);
    const n = run.length - 1;
    if (n < 60) {
      out.push(n << 2);
    } else if (n < 256) {
      out.push(60 << 2, n);
    } else {
      out.push(61 << 2, n & 0xff, n >> 8);
    }
    out.push(...run);
  }
  return Buffer.from(out);
}

/** The demo's traffic: 40 or 50 requests per step, alternating every 20 steps. */
const demoRequests = (step: number) => 40 + (step % 40 < 20 ? 10 : 0);

/** A cumulative sample after `total` requests: 60 / 30 / 10 % of them in the three buckets, 1.1 s each on average. */
function demoSample(timeMs: number, total: number): HistogramSample {
  const fast = Math.round(total * 0.6);
  const mid = Math.round(total * 0.3);
  return { timeMs, buckets: [fast, mid, total - fast - mid], sum: total * 1.1 };
}

/** A request-duration histogram counter of `count` samples ending at `endMs`, oldest first. */
export function histogramCounter(endMs: number, count: number, stepMs: number): HistogramSample[] {
  const samples: HistogramSample[] = [];
  let total = 0;
  for (let i = count - 1; i >= 0; i--) {
    total += demoRequests(i);
    samples.push(demoSample(endMs - i * stepMs, total));
  }
  return samples;
}

/** POSTs the samples to `url`'s remote-write receiver; throws with Prometheus's answer if refused. */
export async function writeHistograms(
  url: string,
  labels: Record<string, string>,
  samples: HistogramSample[]
): Promise<void> {
  const res = await fetch(`${url}/api/v1/write`, {
    method: 'POST',
    body: new Uint8Array(snappyLiterals(histogramWriteRequest(labels, samples))),
    headers: {
      'Content-Encoding': 'snappy',
      'Content-Type': 'application/x-protobuf',
      'X-Prometheus-Remote-Write-Version': '0.1.0',
    },
  });
  if (!res.ok) {
    throw new Error(`remote write to ${url} refused: HTTP ${res.status} ${await res.text()}`);
  }
}

export interface HistogramWriter {
  /** Settles when the first sample is stored; rejects if none is within `readyTimeoutMs`. */
  ready: Promise<void>;
  stop(): void;
}

/**
 * Writes one sample of a live request-latency histogram every `stepMs`, as a service instrumented
 * with native histograms would be scraped. Live, not a written history: Prometheus refuses samples
 * older than its newest block ("out of bounds"), and the backfilled history ends a little after the
 * stack starts, so the first sample is retried every second until it is taken. A failed write later
 * (Prometheus stopped by a test) loses that sample only.
 */
export function startHistogramWriter(
  url: string,
  labels: Record<string, string>,
  stepMs: number,
  readyTimeoutMs = 90_000
): HistogramWriter {
  let total = 0;
  let step = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let resolveReady: () => void = () => undefined;
  let rejectReady: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  const started = Date.now();
  let written = false;
  const tick = async () => {
    const requests = demoRequests(step);
    const sample = demoSample(Date.now(), total + requests);
    try {
      await writeHistograms(url, labels, [sample]);
      total += requests;
      step += 1;
      if (!written) {
        written = true;
        resolveReady();
      }
    } catch (e) {
      if (!written && Date.now() - started > readyTimeoutMs) {
        rejectReady(e instanceof Error ? e : new Error(String(e)));
        stopped = true;
      }
    }
    if (!stopped) {
      timer = setTimeout(() => void tick(), written ? stepMs : 1000);
    }
  };
  void tick();
  return {
    ready,
    stop() {
      stopped = true;
      if (timer !== undefined) {
        clearTimeout(timer);
      }
    },
  };
}
