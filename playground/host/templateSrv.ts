/**
 * A TemplateSrv for dashboards without template variables: interpolates scoped variables and
 * Grafana's built-ins (`$__interval`, `$__rate_interval`, `$__range`, …) in `$name`, `${name}`,
 * `${name:format}` and `[[name]]` forms, and leaves unknown names untouched as Grafana does.
 */
import type { ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;

export class PlaygroundTemplateSrv implements TemplateSrv {
  private range: TimeRange | undefined;

  getVariables(): TypedVariableModel[] {
    return [];
  }

  updateTimeRange(timeRange: TimeRange): void {
    this.range = timeRange;
  }

  containsTemplate(target?: string): boolean {
    if (!target) {
      return false;
    }
    VARIABLE.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = VARIABLE.exec(target)) !== null) {
      const name = match[1] ?? match[2] ?? match[4];
      if (name && this.lookup(name, undefined) !== undefined) {
        return true;
      }
    }
    return false;
  }

  replace(target?: string, scopedVars?: ScopedVars): string {
    if (!target) {
      return target ?? '';
    }
    return target.replace(
      VARIABLE,
      (whole: string, plain?: string, bracket?: string, _bf?: string, braced?: string) => {
        const name = plain ?? bracket ?? braced;
        const value = name ? this.lookup(name, scopedVars) : undefined;
        return value === undefined ? whole : value;
      }
    );
  }

  private lookup(name: string, scopedVars: ScopedVars | undefined): string | undefined {
    const scoped = scopedVars?.[name];
    if (scoped !== undefined) {
      const value: unknown = scoped.value;
      return Array.isArray(value) ? value.join(',') : String(value);
    }
    if (!this.range) {
      return undefined;
    }
    const rangeMs = this.range.to.valueOf() - this.range.from.valueOf();
    switch (name) {
      case '__range_ms':
        return String(rangeMs);
      case '__range_s':
        return String(Math.round(rangeMs / 1000));
      case '__range':
        return `${Math.round(rangeMs / 1000)}s`;
      case '__from':
        return String(this.range.from.valueOf());
      case '__to':
        return String(this.range.to.valueOf());
      default:
        return undefined;
    }
  }
}
