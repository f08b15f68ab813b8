/** Dashboard picker, time range picker, refresh picker and the light/dark switch. */
import React from 'react';
import { dateTime, type SelectableValue, type TimeRange } from '@grafana/data';
import { css } from '@emotion/css';
import { RadioButtonGroup, RefreshPicker, Stack, TimeRangePicker, ToolbarButton } from '@grafana/ui';
import type { PlaygroundDashboardEntry } from '../bootConfig';
import { playgroundTestIds } from '../testIds';

export interface ToolbarProps {
  dashboards: PlaygroundDashboardEntry[];
  dashboardUid: string | undefined;
  onDashboardChange: (uid: string) => void;
  range: TimeRange;
  timeZone: string;
  onRangeChange: (range: TimeRange) => void;
  onRefresh: () => void;
  refreshInterval: string | undefined;
  onIntervalChange: (interval: string) => void;
  theme: 'dark' | 'light';
  onThemeChange: (theme: 'dark' | 'light') => void;
}

/** Grafana's move: half the span back (-1) or forward (1). */
export function moveRange(range: TimeRange, direction: -1 | 1): TimeRange {
  return absoluteRange(shift(range, direction));
}

/** Grafana's zoom-out: twice the span around the same centre. */
export function zoomOutRange(range: TimeRange): TimeRange {
  return absoluteRange(zoomOut(range));
}

function shift(range: TimeRange, direction: -1 | 1): { from: number; to: number } {
  const span = range.to.valueOf() - range.from.valueOf();
  const delta = (span / 2) * direction;
  return { from: range.from.valueOf() + delta, to: range.to.valueOf() + delta };
}

// wraps on a phone: unwrapped, the five dashboard names made the page 869 px wide at 390 px
const wrapping = css({ flexWrap: 'wrap', height: 'auto' });

export function Toolbar(props: ToolbarProps): React.ReactElement {
  const options: Array<SelectableValue<string>> = props.dashboards.map((d) => ({ label: d.title, value: d.uid }));
  return (
    <Stack direction="row" alignItems="center" justifyContent="space-between" wrap="wrap">
      <div data-testid={playgroundTestIds.dashboardPicker}>
        <RadioButtonGroup
          className={wrapping}
          options={options}
          value={props.dashboardUid}
          onChange={(uid) => props.onDashboardChange(uid)}
        />
      </div>
      <Stack direction="row" alignItems="center" wrap="wrap">
        <TimeRangePicker
          value={props.range}
          timeZone={props.timeZone}
          onChange={props.onRangeChange}
          onChangeTimeZone={() => undefined}
          onMoveBackward={() => props.onRangeChange(moveRange(props.range, -1))}
          onMoveForward={() => props.onRangeChange(moveRange(props.range, 1))}
          onZoom={() => props.onRangeChange(zoomOutRange(props.range))}
        />
        <RefreshPicker
          value={props.refreshInterval}
          onRefresh={props.onRefresh}
          onIntervalChanged={props.onIntervalChange}
          // Grafana's own choices for a dashboard, from its 5 s minimum
          intervals={['5s', '10s', '30s', '1m', '5m', '15m', '30m', '1h', '2h', '1d']}
          tooltip="Refresh the dashboard"
        />
        <ToolbarButton
          data-testid={playgroundTestIds.themeToggle}
          tooltip="Switch between light and dark theme"
          onClick={() => props.onThemeChange(props.theme === 'dark' ? 'light' : 'dark')}
        >
          {props.theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </ToolbarButton>
      </Stack>
    </Stack>
  );
}

function zoomOut(range: TimeRange): { from: number; to: number } {
  const span = range.to.valueOf() - range.from.valueOf();
  return { from: range.from.valueOf() - span / 2, to: range.to.valueOf() + span / 2 };
}

/**
 * Absolute range from epoch ms, in the shape TimeRangePicker hands back (whole milliseconds, so
 * the URL holds plain epoch digits that `rangeFromUrl` reads back).
 */
function absoluteRange(ms: { from: number; to: number }): TimeRange {
  const from = dateTime(Math.round(ms.from));
  const to = dateTime(Math.round(ms.to));
  return { from, to, raw: { from, to } };
}
