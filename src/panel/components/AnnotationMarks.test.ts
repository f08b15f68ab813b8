import type { PanelAnnotation } from '../data/annotations';
import { placeAnnotations } from './AnnotationMarks';

const at = (timeMs: number, endMs?: number): PanelAnnotation => ({
  id: `${timeMs}`,
  timeMs,
  endMs,
  title: '',
  text: '',
  tags: [],
  color: 'red',
  timeText: '',
});

describe('placeAnnotations', () => {
  // 1 px per ms, a 100 px plot.
  const toPos = (ms: number) => ms;

  it('places events inside the plot and clips regions to it', () => {
    const placed = placeAnnotations([at(10), at(-50, 30), at(90, 500), at(150), at(-20, -5)], toPos, 100);
    expect(placed.map(({ left, right }) => [left, right])).toEqual([
      [10, undefined],
      [0, 30],
      [90, 100],
    ]);
  });

  it('leaves out an annotation the scale cannot place (before the plot has a range)', () => {
    expect(placeAnnotations([at(10)], () => Number.NaN, 100)).toEqual([]);
  });
});
