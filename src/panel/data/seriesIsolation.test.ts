import { FieldType, toDataFrame } from '@grafana/data';
import type { ActionMarker } from './actionMarkers';
import type { ChartField } from './chartFrames';
import { hideSeries, keepShown, nextShown, seriesKeys, shownMarkers } from './seriesIsolation';

const ALL = ['a', 'b', 'c'];

describe('legend clicks on a panel of several series', () => {
  it('a click shows only that series; a click on it again shows all', () => {
    const one = nextShown(undefined, 'b', 'select', ALL);
    expect([...one!]).toEqual(['b']);
    expect(nextShown(one, 'b', 'select', ALL)).toBeUndefined();
    expect([...nextShown(one, 'c', 'select', ALL)!]).toEqual(['c']);
  });

  it('ctrl/cmd-click adds or removes one series; all of them, or none, is everything shown', () => {
    const two = nextShown(undefined, 'a', 'append', ALL);
    expect([...two!].sort()).toEqual(['b', 'c']);
    const one = nextShown(two, 'b', 'append', ALL);
    expect([...one!]).toEqual(['c']);
    expect(nextShown(one, 'c', 'append', ALL)).toBeUndefined();
    expect(nextShown(two, 'a', 'append', ALL)).toBeUndefined();
  });

  it('ignores a label that is no series of the chart, and forgets series that left the data', () => {
    const one = nextShown(undefined, 'b', 'select', ALL);
    expect(nextShown(one, 'zzz', 'select', ALL)).toBe(one);
    expect(keepShown(one, ['a', 'c'])).toBeUndefined();
    expect([...keepShown(new Set(['a', 'b']), ['a', 'c'])!]).toEqual(['a']);
    expect(keepShown(new Set(['a', 'c']), ['a', 'c'])).toBeUndefined();
  });
});

describe('what a hidden series leaves on the chart', () => {
  const role = (seriesKey: string, seriesName: string): ChartField => ({
    seriesKey,
    seriesName,
    role: 'actual',
    color: 'red',
  });
  const roles = new Map<string, ChartField>([
    ['v1', role('k1', 'v1')],
    ['v1 forecast', role('k1', 'v1')],
    ['v2', role('k2', 'v2')],
  ]);
  const frames = [
    toDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [1] },
        { name: 'v1', type: FieldType.number, values: [1] },
        { name: 'v1 forecast', type: FieldType.number, values: [1], config: { custom: { hideFrom: { legend: true } } } },
      ],
    }),
    toDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [1] },
        { name: 'v2', type: FieldType.number, values: [2] },
      ],
    }),
  ];

  it('every line of the series is out of the plot and the tooltip, its legend entries as they were', () => {
    const drawn = hideSeries(frames, roles, new Set(['k2']));
    const hideFrom = (f: number, i: number) => drawn[f].fields[i].config.custom?.hideFrom;
    expect(hideFrom(0, 0)).toBeUndefined();
    expect(hideFrom(0, 1)).toEqual({ legend: false, viz: true, tooltip: true });
    expect(hideFrom(0, 2)).toEqual({ legend: true, viz: true, tooltip: true });
    expect(hideFrom(1, 1)).toBeUndefined();
    // The input is not changed, and with everything shown it is returned as is.
    expect(frames[0].fields[1].config.custom).toBeUndefined();
    expect(hideSeries(frames, roles, undefined)).toBe(frames);
  });

  it("the series' markers go with it; the keys are listed once, in order", () => {
    const marker = (id: string, seriesName?: string) => ({ id, seriesName }) as ActionMarker;
    const markers = [marker('1', 'v1'), marker('2', 'v2'), marker('3')];
    expect(shownMarkers(markers, roles, new Set(['k2'])).map((m) => m.id)).toEqual(['2', '3']);
    expect(seriesKeys(roles)).toEqual(['k1', 'k2']);
  });
});
