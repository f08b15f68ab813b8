import { fireEvent, render, screen } from '@testing-library/react';
import type { DataSourceSettings } from '@grafana/data';
import React from 'react';
import { testIds } from '../testIds';
import type { ForesightOptions } from '../types';
import { ConfigEditor } from './ConfigEditor';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  // The real picker lists Grafana's data sources; here it only needs to show its props.
  DataSourcePicker: (props: { type?: string; current: string | null; onChange(ds: { uid: string }): void }) => (
    <button data-testid="picker" data-type={props.type} onClick={() => props.onChange({ uid: 'prom-uid' })}>
      {props.current ?? 'none'}
    </button>
  ),
}));

function settings(jsonData: ForesightOptions): DataSourceSettings<ForesightOptions> {
  return {
    id: 1,
    uid: 'fs',
    name: 'Foresight',
    type: 'foresight-lstm-datasource',
    jsonData,
    secureJsonFields: {},
  } as unknown as DataSourceSettings<ForesightOptions>;
}

describe('ConfigEditor', () => {
  it('offers only Prometheus-type sources and stores the chosen uid', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={settings({})} onOptionsChange={onOptionsChange} />);
    const picker = screen.getByTestId('picker');
    expect(picker).toHaveAttribute('data-type', 'prometheus');
    fireEvent.click(picker);
    expect(onOptionsChange).toHaveBeenCalledWith(expect.objectContaining({ jsonData: { prometheusUid: 'prom-uid' } }));
    expect(screen.getByText('Pick the Prometheus data source to forecast from.')).toBeInTheDocument();
  });

  it('shows the base URL only for URL storage, and the default policy fields', () => {
    const { rerender } = render(
      <ConfigEditor options={settings({ prometheusUid: 'p' })} onOptionsChange={jest.fn()} />
    );
    expect(screen.queryByTestId(testIds.config.baseUrl)).not.toBeInTheDocument();
    rerender(
      <ConfigEditor options={settings({ prometheusUid: 'p', modelStorage: 'url' })} onOptionsChange={jest.fn()} />
    );
    expect(screen.getByTestId(testIds.config.baseUrl)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.policy.min)).toHaveAttribute('placeholder', '3');
  });

  it('explains an invalid default policy', () => {
    render(
      <ConfigEditor
        options={settings({ prometheusUid: 'p', defaultPolicy: { minReplicas: 10, maxReplicas: 2 } })}
        onOptionsChange={jest.fn()}
      />
    );
    expect(screen.getByTestId(testIds.policy.error)).toHaveTextContent(/Invalid scaling policy/);
  });
});

describe('ConfigEditor fields', () => {
  it('explains an out-of-range series limit under its labelled field', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={settings({ prometheusUid: 'p' })} onOptionsChange={onOptionsChange} />);
    const max = screen.getByLabelText('Series per query');
    expect(max).toHaveAttribute('placeholder', '100');
    fireEvent.change(max, { target: { value: '0' } });
    expect(screen.getByText('Series per query must be a whole number from 1 to 100 (got 0)')).toBeInTheDocument();
    // not stored as a value, but saved as a problem, so "Save & test" can say it is not in use
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({
        jsonData: {
          prometheusUid: 'p',
          settingProblems: ['Series per query must be a whole number from 1 to 100 (got 0)'],
        },
      })
    );
    fireEvent.change(max, { target: { value: '4' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ jsonData: { prometheusUid: 'p', maxSeries: 4 } })
    );
  });
});

describe('ConfigEditor request timeout', () => {
  it('takes a duration, stores seconds and explains a bad one', () => {
    const onOptionsChange = jest.fn();
    render(<ConfigEditor options={settings({ prometheusUid: 'p' })} onOptionsChange={onOptionsChange} />);
    const timeout = screen.getByLabelText('Request timeout');
    expect(timeout).toHaveAttribute('placeholder', '1m');
    fireEvent.change(timeout, { target: { value: '0' } });
    expect(screen.getByText('Request timeout must be from 1s to 1h (got 0)')).toBeInTheDocument();
    fireEvent.change(timeout, { target: { value: '90' } });
    expect(
      screen.getByText('Request timeout: "90" has no unit; write a duration such as 90s or 5m')
    ).toBeInTheDocument();
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({
        jsonData: {
          prometheusUid: 'p',
          settingProblems: ['Request timeout: "90" has no unit; write a duration such as 90s or 5m'],
        },
      })
    );
    fireEvent.change(timeout, { target: { value: '2m' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ jsonData: { prometheusUid: 'p', requestTimeoutSec: 120 } })
    );
  });
});
