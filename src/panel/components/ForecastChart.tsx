/**
 * The chart: `@grafana/ui`'s uPlot time series with Foresight's frames, the shared crosshair and
 * tooltip (TooltipPlugin2 + EventBusPlugin, synced like Grafana's own time-series panel), and the
 * DOM overlay for "now" and scale actions.
 */
import React, { useMemo } from 'react';
import { DashboardCursorSync, type EventBus } from '@grafana/data';
import { EventBusPlugin, TimeSeries, TooltipPlugin2, usePanelContext } from '@grafana/ui';
import type { TimeZone } from '@grafana/schema';
import type { ChartBody } from '../data/viewModel';
import { countRoles, structureRev } from '../data/chartFrames';
import { panelTestIds } from '../testIds';
import { ChartOverlay } from './ChartOverlay';
import { ChartTooltip } from './ChartTooltip';

/** TooltipPlugin2's `TooltipHoverMode.xAll` is a const enum that does not exist at runtime. */
type HoverMode = Parameters<typeof TooltipPlugin2>[0]['hoverMode'];
const HOVER_ALL_SERIES = 1 as HoverMode;

/** What the view-model decided to draw, plus where and how big. */
export interface ForecastChartProps extends Omit<ChartBody, 'kind'> {
  timeZone: TimeZone;
  width: number;
  height: number;
  eventBus?: EventBus;
}

export function ForecastChart(props: ForecastChartProps) {
  const {
    frames,
    roles,
    markers,
    clockMs,
    origins,
    nowColor,
    replicaFieldName,
    timeRange,
    timeZone,
    width,
    height,
    legend,
  } = props;
  const panelContext = usePanelContext();
  const cursorSync = panelContext.sync?.() ?? DashboardCursorSync.Off;
  const eventBus = props.eventBus ?? panelContext.eventBus;
  const options = useMemo(() => ({ key: props.optionsKey }), [props.optionsKey]);
  const counts = useMemo(() => countRoles(roles), [roles]);
  const rev = useMemo(() => structureRev(frames), [frames]);

  return (
    <div
      data-testid={panelTestIds.chart}
      data-forecast-lines={counts.forecast}
      data-band-fills={counts.bands}
      data-replica-lines={counts.replicas}
      data-action-markers={markers.length}
    >
      <TimeSeries
        frames={frames}
        structureRev={rev}
        timeRange={timeRange}
        timeZone={timeZone}
        width={width}
        height={height}
        legend={legend}
        options={options}
      >
        {(config, alignedFrame) => {
          const replicaSeriesIdx = replicaFieldName
            ? alignedFrame.fields.findIndex((f) => f.name === replicaFieldName)
            : -1;
          return (
            <>
              {cursorSync !== DashboardCursorSync.Off && eventBus && (
                <EventBusPlugin config={config} eventBus={eventBus} frame={alignedFrame} />
              )}
              <TooltipPlugin2
                config={config}
                hoverMode={HOVER_ALL_SERIES}
                syncMode={cursorSync}
                syncScope={panelContext.eventsScope}
                render={(_u, dataIdxs) => (
                  <ChartTooltip frame={alignedFrame} dataIdxs={dataIdxs} roles={roles} timeZone={timeZone} />
                )}
              />
              <ChartOverlay
                config={config}
                clockMs={clockMs}
                origins={origins}
                nowColor={nowColor}
                markers={markers}
                replicaSeriesIdx={replicaSeriesIdx > 0 ? replicaSeriesIdx : undefined}
              />
            </>
          );
        }}
      </TimeSeries>
    </div>
  );
}
