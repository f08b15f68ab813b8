/**
 * A small AMD loader: `define(deps, factory)` as the built plugin modules call it. Dependencies are
 * resolved from the host's own module instances (one React, one @grafana/data, …), exactly as
 * Grafana's SystemJS hands its instances to a plugin. `module` gives the script's URL, from which
 * the plugin's webpack runtime derives its public path (wasm files, worker chunks).
 */

type AmdFactory = (...deps: unknown[]) => unknown;

interface PendingScript {
  resolve: (exports: unknown) => void;
  reject: (error: Error) => void;
}

interface AmdDefine {
  (depsOrFactory: string[] | AmdFactory | string, factoryOrDeps?: AmdFactory | string[], factory?: AmdFactory): void;
  amd: Record<string, unknown>;
}

const hostModules = new Map<string, unknown>();
const pending = new Map<string, PendingScript>();

/** Registers a host module under the name plugins import it by (e.g. `@grafana/data`). */
export function provideModule(name: string, value: unknown): void {
  hostModules.set(name, value);
}

export function providedModuleNames(): string[] {
  return [...hostModules.keys()].sort();
}

function resolveDependency(name: string, uri: string, exportsObject: Record<string, unknown>): unknown {
  if (name === 'module') {
    return { id: uri, uri, exports: exportsObject };
  }
  if (name === 'exports') {
    return exportsObject;
  }
  if (!hostModules.has(name)) {
    throw new Error(`The plugin module ${uri} needs "${name}", which the playground host does not provide`);
  }
  return hostModules.get(name);
}

function currentScriptUrl(): string | undefined {
  const script = document.currentScript;
  return script instanceof HTMLScriptElement ? script.src : undefined;
}

const define: AmdDefine = Object.assign(
  (depsOrFactory: string[] | AmdFactory | string, factoryOrDeps?: AmdFactory | string[], maybeFactory?: AmdFactory) => {
    // Named defines (`define('name', deps, factory)`) are treated like anonymous ones.
    const args = typeof depsOrFactory === 'string' ? [factoryOrDeps, maybeFactory] : [depsOrFactory, factoryOrDeps];
    const deps = Array.isArray(args[0]) ? args[0] : [];
    const factory = (typeof args[0] === 'function' ? args[0] : args[1]) as AmdFactory | undefined;
    const uri = currentScriptUrl();
    const waiting = uri ? pending.get(uri) : undefined;
    if (!uri || !waiting) {
      console.error('define() called outside a plugin module load; ignored');
      return;
    }
    pending.delete(uri);
    if (typeof factory !== 'function') {
      waiting.reject(new Error(`${uri}: define() without a factory function`));
      return;
    }
    try {
      const exportsObject: Record<string, unknown> = {};
      const resolved = deps.map((dep) => resolveDependency(dep, uri, exportsObject));
      const returned = factory(...resolved);
      waiting.resolve(returned ?? exportsObject);
    } catch (err) {
      waiting.reject(err instanceof Error ? err : new Error(String(err)));
    }
  },
  { amd: {} }
);

export function installAmdDefine(): void {
  (window as unknown as { define: AmdDefine }).define = define;
}

/** Loads one AMD module by URL (a `<script>` tag, as Grafana does) and resolves with its exports. */
export function loadAmdModule(url: string): Promise<unknown> {
  const absolute = new URL(url, window.location.href).href;
  return new Promise((resolve, reject) => {
    pending.set(absolute, { resolve, reject });
    const script = document.createElement('script');
    script.src = absolute;
    script.async = true;
    script.onerror = () => {
      pending.delete(absolute);
      reject(new Error(`Could not load ${absolute}: is dist/ built (npm run build)?`));
    };
    script.onload = () => {
      if (pending.has(absolute)) {
        pending.delete(absolute);
        reject(new Error(`${absolute} loaded but did not call define()`));
      }
    };
    document.head.appendChild(script);
  });
}
