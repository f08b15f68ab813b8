/**
 * The playground's DataSourceSrv: instance settings come from the provisioning files (through the
 * boot data), instances are built from the plugin classes the host knows (the BUILT Foresight data
 * source from dist/, the Prometheus stand-in), the way Grafana builds them from plugin modules.
 */
import type { DataSourceApi, DataSourceInstanceSettings, DataSourceRef, ScopedVars } from '@grafana/data';
import type { DataSourceSrv, GetDataSourceListFilters, RuntimeDataSourceRegistration } from '@grafana/runtime';

/** Builds a data source instance from its settings (a plugin's `DataSourceClass` behind a loader). */
export type DataSourceFactory = (settings: DataSourceInstanceSettings) => Promise<DataSourceApi>;

export class PlaygroundDataSourceSrv implements DataSourceSrv {
  private readonly instances = new Map<string, Promise<DataSourceApi>>();

  constructor(
    private readonly settings: DataSourceInstanceSettings[],
    private readonly factories: Record<string, DataSourceFactory>
  ) {}

  getInstanceSettings(ref?: DataSourceRef | string | null): DataSourceInstanceSettings | undefined {
    if (ref === undefined || ref === null || ref === 'default') {
      return this.settings.find((s) => s.isDefault) ?? this.settings[0];
    }
    if (typeof ref === 'string') {
      return this.settings.find((s) => s.uid === ref || s.name === ref);
    }
    if (ref.uid) {
      return this.settings.find((s) => s.uid === ref.uid);
    }
    return ref.type ? this.settings.find((s) => s.type === ref.type) : undefined;
  }

  get(ref?: DataSourceRef | string | null, _scopedVars?: ScopedVars): Promise<DataSourceApi> {
    const settings = this.getInstanceSettings(ref);
    if (!settings) {
      const name = typeof ref === 'string' ? ref : (ref?.uid ?? ref?.type ?? 'default');
      return Promise.reject(new Error(`Data source ${name} was not found`));
    }
    let instance = this.instances.get(settings.uid);
    if (!instance) {
      const factory = this.factories[settings.type];
      if (!factory) {
        return Promise.reject(new Error(`No plugin for data source type "${settings.type}" in the playground`));
      }
      instance = factory(settings);
      // A failed load is not cached, so a later call (after a rebuild) can succeed.
      instance.catch(() => this.instances.delete(settings.uid));
      this.instances.set(settings.uid, instance);
    }
    return instance;
  }

  getList(filters: GetDataSourceListFilters = {}): DataSourceInstanceSettings[] {
    return this.settings.filter((s) => {
      if (filters.type !== undefined) {
        const types = Array.isArray(filters.type) ? filters.type : [filters.type];
        if (!types.includes(s.type)) {
          return false;
        }
      }
      if (filters.pluginId !== undefined && s.meta.id !== filters.pluginId) {
        return false;
      }
      if (filters.metrics && !s.meta.metrics) {
        return false;
      }
      if (filters.annotations && !s.meta.annotations) {
        return false;
      }
      if (filters.logs && !s.meta.logs) {
        return false;
      }
      if (filters.tracing && !s.meta.tracing) {
        return false;
      }
      if (filters.alerting && !s.meta.alerting) {
        return false;
      }
      if (filters.filter && !filters.filter(s)) {
        return false;
      }
      return true;
    });
  }

  reload(): void {
    this.instances.clear();
  }

  registerRuntimeDataSource(_entry: RuntimeDataSourceRegistration): void {
    throw new Error('Runtime data sources are not supported in the playground');
  }
}
