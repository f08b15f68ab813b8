import { canonicalJson } from './canonicalJson';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}'
    );
  });
  it('writes null for undefined at the top and keeps array order', () => {
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });
});
