import { act, renderHook } from '@testing-library/react';
import { RUN_DEBOUNCE_MS, useDebouncedRun } from './useDebouncedRun';

describe('useDebouncedRun', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('starts one run after five quick edits, once the pause is over', () => {
    const run = jest.fn();
    const { result } = renderHook(() => useDebouncedRun(run, () => false));
    for (let i = 0; i < 5; i++) {
      act(() => result.current.schedule());
      act(() => jest.advanceTimersByTime(200));
    }
    expect(run).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS));
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs at once on flush, and flush without a pending edit runs nothing', () => {
    const run = jest.fn();
    const { result } = renderHook(() => useDebouncedRun(run, () => false));
    act(() => result.current.flush());
    expect(run).not.toHaveBeenCalled();
    act(() => result.current.schedule());
    act(() => result.current.flush());
    expect(run).toHaveBeenCalledTimes(1);
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS * 2));
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('skips the run while a field is invalid, and calls the latest run callback', () => {
    let invalid = true;
    const first = jest.fn();
    const second = jest.fn();
    const { result, rerender } = renderHook(({ run }) => useDebouncedRun(run, () => invalid), {
      initialProps: { run: first },
    });
    act(() => result.current.schedule());
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS));
    expect(first).not.toHaveBeenCalled();
    invalid = false;
    act(() => result.current.schedule());
    rerender({ run: second });
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('holds a run skipped while a field was invalid, and starts it once every field is valid again', () => {
    let invalid = false;
    const run = jest.fn();
    const { result } = renderHook(() => useDebouncedRun(run, () => invalid));
    // the field cleared (an edit the query took), then "-1h" typed before the pause ended
    act(() => result.current.schedule());
    invalid = true;
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS));
    act(() => result.current.flush());
    expect(run).not.toHaveBeenCalled();
    // cleared again: the query already holds that, so no edit schedules the run
    invalid = false;
    act(() => result.current.unblocked());
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS));
    expect(run).toHaveBeenCalledTimes(1);
    // nothing was held the second time
    act(() => result.current.unblocked());
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS));
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('defer waits for the next flush, however long the pause', () => {
    const run = jest.fn();
    const { result } = renderHook(() => useDebouncedRun(run, () => false));
    act(() => result.current.defer());
    act(() => jest.advanceTimersByTime(RUN_DEBOUNCE_MS * 10));
    expect(run).not.toHaveBeenCalled();
    act(() => result.current.flush());
    act(() => result.current.flush());
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('starts nothing after the editor is closed', () => {
    const run = jest.fn();
    const { result, unmount } = renderHook(() => useDebouncedRun(run, () => false));
    act(() => result.current.schedule());
    unmount();
    jest.advanceTimersByTime(RUN_DEBOUNCE_MS * 2);
    expect(run).not.toHaveBeenCalled();
  });
});
