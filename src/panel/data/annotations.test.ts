import { createTheme, toDataFrame } from '@grafana/data';
import {
  DEFAULT_ANNOTATION_COLOR,
  MAX_ANNOTATIONS,
  annotationNotes,
  plainText,
  annotationsInRange,
  parseAnnotations,
  readAnnotationColor,
} from './annotations';

const theme = createTheme();
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 6, 10, 0);
const range = { from: T0 - 6 * HOUR, to: T0 + HOUR };

describe('parseAnnotations and annotationsInRange', () => {
  it('reads events and regions from the frame Grafana hands the panel, oldest first', () => {
    const frame = toDataFrame([
      {
        time: T0,
        timeEnd: T0 + 2 * HOUR,
        title: 'Reactive scaling',
        text: 'to 4 replicas',
        tags: ['checkout'],
        color: 'red',
        isRegion: true,
        source: { name: 'Scaling' },
        type: 'Reactive',
      },
      { time: T0 - HOUR, timeEnd: T0 - HOUR, title: 'Deploy', text: 'v2.3', tags: [], type: 'Deploys' },
    ]);
    const { shown, dropped } = annotationsInRange(parseAnnotations([frame], theme, 'utc'), range);
    expect(dropped).toBe(0);
    expect(shown.map((a) => [a.title, a.timeMs, a.endMs, a.source])).toEqual([
      ['Deploy', T0 - HOUR, undefined, 'Deploys'],
      ['Reactive scaling', T0, T0 + 2 * HOUR, 'Scaling'],
    ]);
    expect(shown[0].timeText).toBe('2026-12-06 09:00');
    expect(shown[1].timeText).toBe('2026-12-06 10:00 → 2026-12-06 12:00');
    expect(shown[1].tags).toEqual(['checkout']);
    expect(shown[1].color).toBe(theme.visualization.getColorByName('red'));
    expect(shown[0].color).toBe(DEFAULT_ANNOTATION_COLOR);
  });

  it('keeps what touches the range, skips rows without a time and frames without a time field', () => {
    const frame = toDataFrame([
      { time: range.from - 2 * HOUR, timeEnd: range.from + HOUR, title: 'region reaching in' },
      { time: range.from - HOUR, title: 'before' },
      { time: range.to + HOUR, title: 'after' },
      { time: Number.NaN, title: 'no time' },
      { time: T0, title: 'inside' },
    ]);
    const other = toDataFrame([{ when: T0, title: 'no time field' }]);
    const read = annotationsInRange(parseAnnotations([frame, other], theme, 'utc'), range);
    expect(read.shown.map((a) => a.title)).toEqual(['region reaching in', 'inside']);
    expect(read.untimed).toBe(2);
    expect(annotationNotes(read)).toEqual(['2 annotations have no readable time and are not drawn.']);
    const none = { shown: [], dropped: 0, untimed: 0 };
    expect(annotationsInRange(parseAnnotations(undefined, theme, 'utc'), range)).toEqual(none);
    expect(annotationsInRange(undefined, range)).toEqual(none);
  });

  it('draws the newest when there are too many, and says how many are left out', () => {
    const rows = Array.from({ length: MAX_ANNOTATIONS + 50 }, (_, i) => ({ time: T0 - i * 60_000, title: `#${i}` }));
    const read = annotationsInRange(parseAnnotations([toDataFrame(rows)], theme, 'utc'), range);
    expect(read.shown).toHaveLength(MAX_ANNOTATIONS);
    expect(read.dropped).toBe(50);
    expect(read.shown[read.shown.length - 1].title).toBe('#0');
    expect(annotationNotes(read)).toEqual([
      `${MAX_ANNOTATIONS + 50} annotations in this time range: the latest ${MAX_ANNOTATIONS} are drawn, the 50 before them are not. Narrow the time range or the annotation query to see them.`,
    ]);
    expect(annotationNotes({ ...read, dropped: 0 })).toEqual([]);
  });
});

describe('annotation text and colour are data, never markup or code', () => {
  it('shows text as plain text', () => {
    expect(plainText('Deployed <b>v2</b><img src=x onerror="alert(1)">\n by CI')).toBe('Deployed v2 by CI');
    expect(plainText(42)).toBe('');
    expect(plainText('x'.repeat(600))).toHaveLength(500);
  });

  it('uses a colour only when it reads as one', () => {
    const annotationColor = (value: unknown) => readAnnotationColor(value, theme).color;
    expect(annotationColor('#ff0000')).toBe('#ff0000');
    expect(annotationColor('rgba(10, 20, 30, 0.5)')).toBe('rgba(10, 20, 30, 0.5)');
    expect(annotationColor('semi-dark-green')).toBe(theme.visualization.getColorByName('semi-dark-green'));
    expect(annotationColor('url(javascript:alert(1))')).toBe(DEFAULT_ANNOTATION_COLOR);
    expect(annotationColor('red; background: url(x)')).toBe(DEFAULT_ANNOTATION_COLOR);
    expect(annotationColor(undefined)).toBe(DEFAULT_ANNOTATION_COLOR);
  });

  it('refuses a name that is neither a Grafana palette name nor a CSS colour', () => {
    expect(readAnnotationColor('rebeccapurple', theme)).toEqual({ color: '#663399' });
    expect(readAnnotationColor('Tomato', theme)).toEqual({ color: '#ff6347' });
    expect(readAnnotationColor('purpel', theme)).toEqual({ color: DEFAULT_ANNOTATION_COLOR, refused: 'purpel' });
  });

  it('says which colour it refused, quoted as plain text, and nothing when none was named', () => {
    const frame = toDataFrame([
      { time: T0, title: 'none named', color: undefined },
      { time: T0 + 1, title: 'palette', color: 'green' },
      { time: T0 + 2, title: 'script', color: '<b>url(javascript:alert(1))</b>' + 'x'.repeat(80) },
      { time: T0 + 3, title: 'blank', color: '   ' },
    ]);
    const read = annotationsInRange(parseAnnotations([frame], theme, 'utc'), range);
    const refused = read.shown.map((a) => a.refusedColor);
    expect(refused.slice(0, 2)).toEqual([undefined, undefined]);
    expect(refused[2]).toHaveLength(40);
    expect(refused[2]).toMatch(/^url\(javascript:alert\(1\)\) x+…$/);
    expect(refused[3]).toBe('(blank)');
    expect(read.shown.slice(2).map((a) => a.color)).toEqual([DEFAULT_ANNOTATION_COLOR, DEFAULT_ANNOTATION_COLOR]);
    expect(annotationNotes(read)).toEqual([
      `2 annotations name a colour that is not one ("${refused[2]}"): drawn in the default colour. Use a colour name, #hex, rgb() or hsl().`,
    ]);
  });

  it('reads tags given as a list or as one comma-separated string', () => {
    const frame = toDataFrame([
      { time: T0, title: 'a', tags: ['deploy', '<i>prod</i>', ''] },
      { time: T0 + 1, title: 'b', tags: 'deploy,canary' },
    ]);
    expect(annotationsInRange(parseAnnotations([frame], theme, 'utc'), range).shown.map((a) => a.tags)).toEqual([
      ['deploy', 'prod'],
      ['deploy', 'canary'],
    ]);
  });
});
