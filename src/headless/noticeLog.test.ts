import { NOTICE_REPEAT_MS, NoticeLog } from './noticeLog';

describe('NoticeLog', () => {
  it('says a notice at once, then at most once an hour per job while it repeats', () => {
    let now = 0;
    const lines: string[] = [];
    const notices = new NoticeLog((l) => lines.push(l), { now: () => now });
    notices.say('checkout', 'metric might not be a counter');
    now += 5 * 60_000;
    notices.say('checkout', 'metric might not be a counter');
    notices.say('search', 'metric might not be a counter');
    now += NOTICE_REPEAT_MS;
    notices.say('checkout', 'metric might not be a counter');
    expect(lines).toEqual([
      'job checkout: warning: Prometheus: metric might not be a counter',
      'job search: warning: Prometheus: metric might not be a counter',
      'job checkout: warning: Prometheus: metric might not be a counter',
    ]);
  });

  it('forgets the oldest texts beyond its bound instead of growing', () => {
    const lines: string[] = [];
    const notices = new NoticeLog((l) => lines.push(l), { now: () => 0 });
    for (let i = 0; i < 300; i++) {
      notices.say('j', `partial answer at ${i}`);
    }
    // the first texts were forgotten, so one of them is said again
    notices.say('j', 'partial answer at 0');
    notices.say('j', 'partial answer at 299');
    expect(lines).toHaveLength(301);
  });
});
