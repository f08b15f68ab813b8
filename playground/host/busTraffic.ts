/**
 * How many hover-clear events the dashboard's event bus has carried, on `window`, for the browser
 * tests. A chart that answers its own clears republishes one every 100 ms while nobody moves the
 * pointer (see src/panel/components/plotEchoes.ts); a quiet bus carries none.
 */
import { DataHoverClearEvent, type EventBus } from '@grafana/data';
import type { Unsubscribable } from 'rxjs';
import { HOVER_CLEARS_KEY } from './testIds';

type CountingWindow = Window & { [HOVER_CLEARS_KEY]?: number };

export function countHoverClears(bus: EventBus, target: CountingWindow = window): Unsubscribable {
  target[HOVER_CLEARS_KEY] = target[HOVER_CLEARS_KEY] ?? 0;
  return bus.subscribe(DataHoverClearEvent, () => {
    target[HOVER_CLEARS_KEY] = (target[HOVER_CLEARS_KEY] ?? 0) + 1;
  });
}
