/** Dashboard picker, time range picker, refresh picker and the light/dark switch. */
import React from 'react';
import { dateTime, type SelectableValue, type TimeRange } from '@grafana/data';
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

function shift(range: TimeRange, direction: -1 | 1): { from: number; to: number } {
  const span = range.to.valueOf() - range.from.valueOf();
  const delta = (span / 2) * direction;
  return { from: range.from.valueOf() + delta, to: range.to.valueOf() + delta };
}

export function Toolbar(props: ToolbarProps): React.ReactElement {
  const options: Array<SelectableValue<string>> = props.dashboards.map((d) => ({ label: d.title, value: d.uid }));
  return (
    <Stack direction="row" alignItems="center" justifyContent="space-between" wrap="wrap">
      <div data-testid={playgroundTestIds.dashboardPicker}>
        <RadioButtonGroup
          options={options}
          value={props.dashboardUid}
          onChange={(uid) => props.onDashboardChange(uid)}
        />
      </div>
      <Stack direction="row" alignItems="center">
        <TimeRangePicker
          value={props.range}
          timeZone={props.timeZone}
          onChange={props.onRangeChange}
          onChangeTimeZone={() => undefined}
          onMoveBackward={() => props.onRangeChange(toRange(shift(props.range, -1), props.range))}
          onMoveForward={() => props.onRangeChange(toRange(shift(props.range, 1), props.range))}
          onZoom={() => props.onRangeChange(toRange(zoomOut(props.range), props.range))}
        />
        <RefreshPicker
          value={props.refreshInterval}
          onRefresh={props.onRefresh}
          onIntervalChanged={props.onIntervalChange}
          intervals={['10s', '30s', '1m', '5m']}
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

/** Absolute range from epoch ms, in the shape TimeRangePicker hands back. */
function toRange(ms: { from: number; to: number }, _like: TimeRange): TimeRange {
  const from = dateTime(ms.from);
  const to = dateTime(ms.to);
  return { from, to, raw: { from, to } };
}
