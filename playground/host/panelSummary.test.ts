import { LoadingState, dateTime, toDataFrame, type PanelData } from '@grafana/data';
import { summarizePanelData } from './panelSummary';

const range = { from: dateTime(0), to: dateTime(1), raw: { from: 'now-1h', to: 'now' } };

describe('summarizePanelData', () => {
  it('counts the annotation events the panel received', () => {
    const data: PanelData = {
      state: LoadingState.Done,
      series: [],
      timeRange: range,
      annotations: [toDataFrame([{ time: 1 }, { time: 2 }]), toDataFrame([{ time: 3 }])],
    };
    expect(summarizePanelData(data).annotations).toBe(3);
    expect(summarizePanelData({ ...data, annotations: undefined }).annotations).toBe(0);
    expect(summarizePanelData(undefined).annotations).toBe(0);
  });
});
