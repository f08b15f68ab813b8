/**
 * Which Prometheus metric each NAB series becomes. Names follow Prometheus conventions (unit
 * suffixes, `_total` counters) and say what the series is, so dashboards read naturally.
 * Series not listed here (any other directory of NAB-format CSVs) get a generic name derived
 * from the file, with `job` = the folder and `instance` = the file name.
 */
import path from 'path';
import type { Labels } from './openmetrics';

export interface SeriesSpec {
  metric: string;
  help: string;
  labels: Labels;
  /** Also emit a running-total counter `<counter>_total`, for request-count series. */
  counter?: string;
}

interface Rule {
  match: RegExp;
  spec: (m: RegExpExecArray) => SeriesSpec;
}

const RULES: Rule[] = [
  {
    match: /^elb_request_count_(\w+)$/,
    spec: (m) => ({
      metric: 'aws_elb_requests_per_5m',
      help: 'AWS ELB requests per 5-minute interval (NAB)',
      labels: { job: 'aws-elb', instance: m[1] },
      counter: 'aws_elb_requests',
    }),
  },
  {
    match: /^nyc_taxi$/,
    spec: () => ({
      metric: 'nyc_taxi_passengers_per_30m',
      help: 'NYC taxi passengers per 30-minute interval (NAB)',
      labels: { job: 'nyc-taxi', instance: 'nyc' },
      counter: 'nyc_taxi_passengers',
    }),
  },
  {
    match: /^Twitter_volume_(\w+)$/,
    spec: (m) => ({
      metric: 'twitter_mentions_per_5m',
      help: 'Twitter mentions per 5-minute interval (NAB)',
      labels: { job: 'twitter', instance: m[1] },
      counter: 'twitter_mentions',
    }),
  },
  {
    match: /^ec2_cpu_utilization_(\w+)$/,
    spec: (m) => ({
      metric: 'aws_ec2_cpu_utilization_percent',
      help: 'AWS EC2 CPU utilisation in percent (NAB)',
      labels: { job: 'aws-ec2', instance: m[1] },
    }),
  },
  {
    match: /^rds_cpu_utilization_(\w+)$/,
    spec: (m) => ({
      metric: 'aws_rds_cpu_utilization_percent',
      help: 'AWS RDS CPU utilisation in percent (NAB)',
      labels: { job: 'aws-rds', instance: m[1] },
    }),
  },
  {
    match: /^ec2_network_in_(\w+)$/,
    spec: (m) => ({
      metric: 'aws_ec2_network_in_bytes',
      help: 'AWS EC2 network bytes in per 5-minute interval (NAB)',
      labels: { job: 'aws-ec2', instance: m[1] },
    }),
  },
  {
    match: /^ec2_request_latency_(\w+)$/,
    spec: (m) => ({
      metric: 'aws_ec2_request_latency_ms',
      help: 'AWS EC2 request latency in milliseconds (NAB)',
      labels: { job: 'aws-ec2', instance: m[1] },
    }),
  },
  {
    match: /^art_daily_(\w+)$/,
    spec: (m) => ({
      metric: 'synthetic_daily_wave',
      help: 'Artificial daily wave (NAB)',
      labels: { job: 'synthetic', instance: m[1] },
    }),
  },
];

function sanitize(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_]/g, '_').replace(/_+/g, '_');
  return /^[a-zA-Z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** The metric for one CSV file. `counterPattern` marks generic files whose values are counts. */
export function specForCsv(file: string, counterPattern = /count|request|volume|calls|hits/i): SeriesSpec {
  const stem = path.basename(file, path.extname(file));
  for (const rule of RULES) {
    const m = rule.match.exec(stem);
    if (m) {
      return rule.spec(m);
    }
  }
  const job = sanitize(path.basename(path.dirname(file)) || 'csv');
  const metric = `nab_${sanitize(stem).toLowerCase()}`;
  return {
    metric,
    help: `Series loaded from ${path.basename(file)}`,
    labels: { job, instance: stem },
    counter: counterPattern.test(stem) ? `${metric}_count` : undefined,
  };
}
