import { wholeRange } from './ForecastChart';

describe('a range dragged across the chart', () => {
  it('becomes whole milliseconds, rounded outwards so it still holds what was dragged over', () => {
    expect(wholeRange({ from: 1796433911282.9954, to: 1796469653880.7488 })).toEqual({
      from: 1796433911282,
      to: 1796469653881,
    });
    expect(wholeRange({ from: 10, to: 20 })).toEqual({ from: 10, to: 20 });
  });
});
