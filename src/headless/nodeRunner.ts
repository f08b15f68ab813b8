/**
 * The forecast runner of the headless runner: the engine on Node's own thread, wasm binaries read
 * from node_modules. In a page, computing on the calling thread is a fallback worth a warning (the
 * page may stutter); here it is the design (there is no page), so no fallback reason is reported.
 * Jobs share one runner per process.
 */
import type { ForecastRunner, RunnerRequest, RunOptions, RunResult } from '../advisor/ports';
import type { ComputeBackend } from '../engine/api';
import { InThreadForecastRunner } from '../worker/runner';

export class NodeForecastRunner implements ForecastRunner {
  readonly mode = 'in-thread' as const;
  readonly fallbackReason = undefined;
  private readonly inner: InThreadForecastRunner;

  constructor(backend: ComputeBackend) {
    this.inner = new InThreadForecastRunner(
      async () => {
        const [engine, node, base] = await Promise.all([
          import('../engine'),
          import('../engine/node'),
          import('../engine/lstm/baseModelNode'),
        ]);
        return {
          forecastSeries: engine.forecastSeries,
          initEngine: async () => {
            const status = await node.initEngineNode({ backend });
            // As in the browser: `lstm_base` answers zero-shot, and `lstm` is fine-tuned from the base.
            base.selectShippedBaseModel();
            return status;
          },
        };
      },
      async (engine) => engine.initEngine({ backend }),
      'Node has no page to keep responsive'
    );
  }

  run(request: RunnerRequest, options?: RunOptions): Promise<RunResult> {
    return this.inner.run(request, options);
  }

  dispose(): void {
    this.inner.dispose();
  }
}

export function createNodeRunner(backend: ComputeBackend): ForecastRunner {
  return new NodeForecastRunner(backend);
}
