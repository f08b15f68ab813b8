import { DataTopic, FieldType, type DataFrame, type Labels } from '@grafana/data';
import {
  DEFAULT_ANNOTATION_STEP_MS,
  annotationStepMs,
  annotationsToDataFrames,
  framesToAnnotationEvents,
  parseGoDurationMs,
  type AnnotationFormat,
} from './promAnnotations';

const MIN = 60_000;

/** A series as the Prometheus stand-in answers it: `Time` and a number field carrying the labels. */
function series(times: number[], values: Array<number | null>, labels: Labels = {}, executedStep?: string): DataFrame {
  return {
    refId: 'Anno',
    length: times.length,
    meta: executedStep ? { executedQueryString: `Expr: x\nStep: ${executedStep}` } : undefined,
    fields: [
      { name: 'Time', type: FieldType.time, config: {}, values: times },
      { name: 'Value', type: FieldType.number, config: {}, values, labels },
    ],
  };
}

const plain: AnnotationFormat = { useValueForTime: false };

describe('framesToAnnotationEvents', () => {
  it('merges active samples no more than a step apart into one region', () => {
    const frame = series([0, MIN, 2 * MIN, 3 * MIN], [0, 1, 2, 1]);
    expect(framesToAnnotationEvents([frame], plain, MIN)).toEqual([
      { time: MIN, timeEnd: 3 * MIN, title: '', text: '', tags: [] },
    ]);
  });

  it('starts a new event after a gap longer than the step', () => {
    const frame = series([0, MIN, 2 * MIN, 3 * MIN, 4 * MIN], [1, 0, 0, 1, 1]);
    const events = framesToAnnotationEvents([frame], plain, MIN);
    expect(events.map((e) => [e.time, e.timeEnd])).toEqual([
      [0, 0],
      [3 * MIN, 4 * MIN],
    ]);
  });

  it('fills title and text from the series labels and tags with the tagKeys labels', () => {
    const frame = series([0], [1], { service: 'checkout', instance: 'a:9100', job: 'node' });
    const [event] = framesToAnnotationEvents(
      [frame],
      {
        ...plain,
        titleFormat: 'Replicas changed',
        textFormat: '{{service}} now at {{ instance }} ({{zone}})',
        tagKeys: 'instance,service,zone',
      },
      MIN
    );
    // Grafana's renderLegendFormat leaves a missing label's name in place.
    expect(event.title).toBe('Replicas changed');
    expect(event.text).toBe('checkout now at a:9100 (zone)');
    // In label order, as Grafana takes them.
    expect(event.tags).toEqual(['checkout', 'a:9100']);
  });

  it('never evaluates a template: label values are put in as they are', () => {
    const frame = series([0], [1], { service: '${__proto__}{{instance}}' });
    const [event] = framesToAnnotationEvents([frame], { ...plain, textFormat: '{{service}}' }, MIN);
    expect(event.text).toBe('${__proto__}{{instance}}');
  });

  it('reads the value as the time with useValueForTime, every sample active', () => {
    const frame = series([0, MIN, 2 * MIN, 3 * MIN], [1_000.7, 5_000, null, 10 * MIN]);
    const events = framesToAnnotationEvents([frame], { useValueForTime: true }, MIN);
    expect(events.map((e) => [e.time, e.timeEnd])).toEqual([
      [1_000, 5_000],
      [10 * MIN, 10 * MIN],
    ]);
  });

  it('makes no event for a series without active samples, and ignores NaN and null values', () => {
    const quiet = series([0, MIN], [0, -1]);
    const gaps = series([0, MIN, 2 * MIN], [NaN, null, 1]);
    expect(framesToAnnotationEvents([quiet], plain, MIN)).toEqual([]);
    expect(framesToAnnotationEvents([gaps], plain, MIN).map((e) => e.time)).toEqual([2 * MIN]);
  });

  it('skips frames without a time and a number field', () => {
    const empty: DataFrame = { length: 0, fields: [] };
    expect(framesToAnnotationEvents([empty], plain, MIN)).toEqual([]);
  });
});

describe('annotationStepMs', () => {
  it('takes the step the answer was computed at, then the query step, then 60 s', () => {
    expect(annotationStepMs([series([], [], {}, '5m0s')], '60s')).toBe(5 * MIN);
    expect(annotationStepMs([series([], [])], '2m')).toBe(2 * MIN);
    expect(annotationStepMs([], undefined)).toBe(DEFAULT_ANNOTATION_STEP_MS);
    expect(annotationStepMs([], 'nonsense')).toBe(DEFAULT_ANNOTATION_STEP_MS);
  });

  it('reads Go durations whole', () => {
    expect(parseGoDurationMs('15s')).toBe(15_000);
    expect(parseGoDurationMs('1m30s')).toBe(90_000);
    expect(parseGoDurationMs('1h0m0s')).toBe(3_600_000);
    expect(parseGoDurationMs('250ms')).toBe(250);
    expect(parseGoDurationMs('5x')).toBeUndefined();
  });
});

describe('annotationsToDataFrames', () => {
  it('builds one frame of all queries, sorted by time, with Grafana annotation fields', () => {
    const [frame] = annotationsToDataFrames([
      {
        query: { name: 'Late', iconColor: 'red' },
        events: [{ time: 300, timeEnd: 300, title: 'b', text: '', tags: [] }],
      },
      {
        query: { name: 'Scaling', iconColor: '#8AB8FF' },
        events: [{ time: 100, timeEnd: 200, title: 'a', text: 't', tags: ['checkout'] }],
      },
    ]);
    expect(frame.meta?.dataTopic).toBe(DataTopic.Annotations);
    expect(frame.length).toBe(2);
    expect(frame.fields.map((f) => f.name)).toEqual([
      'time',
      'timeEnd',
      'title',
      'text',
      'tags',
      'color',
      'isRegion',
      'type',
      'source',
    ]);
    const column = (name: string) => frame.fields.find((f) => f.name === name)?.values;
    expect(frame.fields[0].type).toBe(FieldType.time);
    expect(column('time')).toEqual([100, 300]);
    expect(column('isRegion')).toEqual([true, false]);
    expect(column('type')).toEqual(['Scaling', 'Late']);
    expect(column('color')).toEqual(['#8AB8FF', 'red']);
    expect(column('tags')).toEqual([['checkout'], []]);
    expect(column('source')).toEqual([
      { name: 'Scaling', iconColor: '#8AB8FF' },
      { name: 'Late', iconColor: 'red' },
    ]);
  });

  it('makes no frame without events', () => {
    expect(annotationsToDataFrames([{ query: { name: 'Quiet' }, events: [] }])).toEqual([]);
  });
});
