import React from 'react';
import { type AppRootProps } from '@grafana/data';
import { Alert, Stack, Text, TextLink } from '@grafana/ui';
import { appTestIds } from './testIds';

/**
 * The app's only page: what Foresight ships and where to start. The work happens in the nested
 * data source (forecasts) and panel (overlay); the app exists to install both together.
 */
export function AppOverview(_props: AppRootProps) {
  return (
    <div data-testid={appTestIds.overview}>
      <Stack direction="column" gap={2}>
        <Text element="h2">Foresight</Text>
        <Text>
          Forecasts for Prometheus metrics, trained in your browser, with replica recommendations and scale actions.
        </Text>
        <Alert severity="info" title="Getting started">
          Add a <strong>Foresight LSTM</strong> data source that wraps one of your Prometheus data sources, then use the{' '}
          <strong>Foresight forecast</strong> panel on a dashboard. See the{' '}
          <TextLink href="https://github.com/foresight/foresight-forecast-app" external>
            README
          </TextLink>{' '}
          for provisioning examples.
        </Alert>
      </Stack>
    </div>
  );
}
