import { BusEventBase, DataHoverClearEvent, DataHoverEvent, EventBusSrv } from '@grafana/data';
import { PLOT_EVENT_TAG, withoutPlotEchoes } from './plotEchoes';

class RefreshEvent extends BusEventBase {
  static type = 'refresh';
}

function received(bus: ReturnType<typeof withoutPlotEchoes>) {
  const seen: string[] = [];
  bus.getStream(DataHoverClearEvent).subscribe((e) => seen.push(`clear:${[...(e.tags ?? [])].join(',')}`));
  bus.subscribe(DataHoverEvent, (e) => seen.push(`hover:${[...(e.tags ?? [])].join(',')}`));
  bus.subscribe(RefreshEvent, () => seen.push('refresh'));
  return seen;
}

describe('withoutPlotEchoes', () => {
  it('drops the hover events a uPlot plot published, keeps every other publisher', () => {
    const dashboard = new EventBusSrv();
    const seen = received(withoutPlotEchoes(dashboard));
    dashboard.publish(new DataHoverClearEvent().setTags([PLOT_EVENT_TAG]));
    dashboard.publish(new DataHoverEvent({ point: { time: 1 } }).setTags([PLOT_EVENT_TAG]));
    // A legend hover or a table publishes without the tag: the chart still follows it.
    dashboard.publish(new DataHoverClearEvent());
    dashboard.publish(new DataHoverEvent({ point: { time: 2 } }));
    expect(seen).toEqual(['clear:', 'hover:']);
  });

  it('passes other events whatever their tags, and publishes to the dashboard', () => {
    const dashboard = new EventBusSrv();
    const onDashboard: string[] = [];
    dashboard.subscribe(DataHoverClearEvent, (e) => onDashboard.push([...(e.tags ?? [])].join(',')));
    const bus = withoutPlotEchoes(dashboard);
    const seen = received(bus);
    dashboard.publish(new RefreshEvent().setTags([PLOT_EVENT_TAG]));
    // What the chart publishes reaches every panel, tagged as it was.
    bus.publish(new DataHoverClearEvent().setTags([PLOT_EVENT_TAG]));
    expect(seen).toEqual(['refresh']);
    expect(onDashboard).toEqual([PLOT_EVENT_TAG]);
  });
});
