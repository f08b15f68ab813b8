import { groupBySentence } from './grouped';

describe('groupBySentence', () => {
  it('says each sentence once with the names it concerns, the rest counted', () => {
    const many = Array.from({ length: 93 }, (_, i) => ({ who: `s${i}`, sentence: 'Too little history.' }));
    expect(groupBySentence([...many, { who: 's0', sentence: 'Stale.' }])).toEqual([
      's0, s1, s2 and 90 more: Too little history.',
      's0: Stale.',
    ]);
    expect(
      groupBySentence([
        { who: 'a', sentence: 'x' },
        { who: 'b', sentence: 'x' },
      ])
    ).toEqual(['a and b: x']);
  });
});
