import { NOTICE_REPEAT_MS, NoticeLog, withoutFigures } from './noticeLog';

/** A NoticeLog writing to `lines`, on a clock the test moves with `wait`. */
function recorded() {
  let now = 0;
  const lines: string[] = [];
  const notices = new NoticeLog((l) => lines.push(l), { now: () => now });
  return { lines, notices, wait: (ms: number) => (now += ms) };
}

describe('NoticeLog', () => {
  it('says a notice at once, then at most once an hour per job while it repeats', () => {
    const { lines, notices, wait } = recorded();
    const say = (job: string) => notices.say(job, 'Prometheus: metric might not be a counter');
    say('checkout');
    wait(5 * 60_000);
    say('checkout');
    say('search');
    wait(NOTICE_REPEAT_MS);
    say('checkout');
    expect(lines).toEqual([
      'job checkout: warning: Prometheus: metric might not be a counter',
      'job search: warning: Prometheus: metric might not be a counter',
      'job checkout: warning: Prometheus: metric might not be a counter',
    ]);
  });

  it('says a series note once while only its figures change, and again when what it says changes', () => {
    const { lines, notices, wait } = recorded();
    const note = (mae: string, shown = 'the median') =>
      notices.say(
        'checkout',
        `The LSTM lost (MAE ${mae} vs 37.79), so ${shown} is shown.`,
        withoutFigures(`The LSTM lost (MAE ${mae} vs 37.79), so ${shown} is shown.`)
      );
    note('37.16');
    wait(60_000);
    note('37.2');
    note('3.2e-9');
    note('37.2', 'the linear model');
    wait(NOTICE_REPEAT_MS);
    note('38.01');
    expect(lines).toEqual([
      'job checkout: warning: The LSTM lost (MAE 37.16 vs 37.79), so the median is shown.',
      'job checkout: warning: The LSTM lost (MAE 37.2 vs 37.79), so the linear model is shown.',
      'job checkout: warning: The LSTM lost (MAE 38.01 vs 37.79), so the median is shown.',
    ]);
    expect(withoutFigures('Data is stale: the last sample is 1h 6m old (more than 15m), 2026-12-05 17:40')).toBe(
      'Data is stale: the last sample is #h #m old (more than #m), #-#-# #:#'
    );
    // which series a note is about is not a figure: v1's note does not hide v3's
    expect(withoutFigures('{model_version="v1"}, {x="2"} and 3 more: MAE 4.3')).toBe(
      '{model_version="v1"}, {x="2"} and # more: MAE #'
    );
  });

  it('forgets the oldest texts beyond its bound instead of growing', () => {
    const { lines, notices } = recorded();
    for (let i = 0; i < 300; i++) {
      notices.say('j', `partial answer at ${i}`);
    }
    // the first texts were forgotten, so one of them is said again
    notices.say('j', 'partial answer at 0');
    notices.say('j', 'partial answer at 299');
    expect(lines).toHaveLength(301);
  });
});
