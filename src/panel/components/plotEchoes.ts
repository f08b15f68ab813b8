/**
 * The dashboard's event bus as Grafana's GraphNG (inside `TimeSeries`) reads it: without the hover
 * events that uPlot's EventBusPlugin publishes (tagged "uplot").
 *
 * Why: GraphNG moves its plot's cursor on every DataHoverEvent (onto the series' mid-point, off the
 * pointer) and hides it on every DataHoverClearEvent, whoever published it, this plot's own
 * EventBusPlugin included. The two then answer each other: a clear hides the cursor, the hidden
 * cursor publishes another clear, throttled to one per 100 ms, for as long as the dashboard is open. One such clear landing during a drag set
 * uPlot's drag end to "outside the plot", and the dashboard zoomed to [axis start, where the drag
 * began] instead of the dragged range. uPlot plots already follow each other through uPlot's own
 * cursor sync, and EventBusPlugin ignores "uplot" events for that reason; GraphNG still hears the
 * bus's other publishers (a legend hover, a table, Grafana's older graph panel).
 */
import { filter, type Observable } from 'rxjs';
import {
  type BusEvent,
  type BusEventBase,
  type BusEventType,
  DataHoverClearEvent,
  DataHoverEvent,
  type EventBus,
} from '@grafana/data';

/** The tag EventBusPlugin (`@grafana/ui`) puts on the hover events it publishes. */
export const PLOT_EVENT_TAG = 'uplot';

const HOVER_TYPES = new Set<string>([DataHoverEvent.type, DataHoverClearEvent.type]);

/** Tags are set by `BusEventBase.setTags` and are not on the `BusEvent` interface. */
function isPlotEvent(event: BusEvent): boolean {
  const { tags } = event as Partial<Pick<BusEventBase, 'tags'>>;
  return tags?.has(PLOT_EVENT_TAG) ?? false;
}

export function withoutPlotEchoes(bus: EventBus): EventBus {
  const getStream = <T extends BusEvent>(eventType: BusEventType<T>): Observable<T> => {
    const stream = bus.getStream(eventType);
    return HOVER_TYPES.has(eventType.type) ? stream.pipe(filter((event) => !isPlotEvent(event))) : stream;
  };
  return {
    publish: (event) => bus.publish(event),
    getStream,
    subscribe: (eventType, handler) => getStream(eventType).subscribe({ next: (event) => handler(event) }),
    removeAllListeners: () => bus.removeAllListeners(),
    newScopedBus: (key, options) => bus.newScopedBus(key, options),
  };
}
