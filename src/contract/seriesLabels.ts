/**
 * The labels a job's series carry on Foresight's metrics: `job` (the job name) first, then the
 * query's series labels. A series label named like one of Foresight's own (`job`, `lead`, `band`, …)
 * becomes `exported_<name>`, as Prometheus renames clashing target labels; Prometheus-reserved names
 * (`__name__`, anything starting with `__`) become `exported_<name without the underscores>`, since
 * a scraped sample cannot set them. Values are copied as they are: prom-client escapes them when it
 * writes the exposition, and nothing ever interprets them.
 */
import { LABEL, RESERVED_LABELS } from './metrics';

function exportedName(name: string): string {
  const bare = name.startsWith('__') ? name.replace(/^_+|_+$/g, '') || 'name' : name;
  return `exported_${bare}`;
}

export function seriesLabels(job: string, labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { [LABEL.job]: job };
  const renamed: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(labels)) {
    if (RESERVED_LABELS.includes(name) || name.startsWith('__')) {
      renamed.push([exportedName(name), value]);
    } else {
      out[name] = value;
    }
  }
  for (const [name, value] of renamed) {
    // `exported_job` may itself be a series label already: keep both, distinctly.
    let target = name;
    while (target in out) {
      target = `exported_${target}`;
    }
    out[target] = value;
  }
  return out;
}
