import { render, screen, fireEvent } from '@testing-library/react';
import React from 'react';
import type { ForesightDataSource } from '../datasource';
import { testIds } from '../testIds';
import { QUERY_SCHEMA_VERSION, type ForesightQuery } from '../types';
import { durationProblem, QueryEditor } from './QueryEditor';

const datasource = { options: {} } as unknown as ForesightDataSource;

describe('QueryEditor', () => {
  it('upgrades an old saved query once and shows its values', () => {
    const onChange = jest.fn();
    render(
      <QueryEditor
        query={{ refId: 'A', expr: 'up', window: '14d' } as unknown as ForesightQuery}
        onChange={onChange}
        onRunQuery={jest.fn()}
        datasource={datasource}
      />
    );
    expect(onChange).toHaveBeenCalledWith(
      expect.objectContaining({ trainingWindow: '14d', schemaVersion: QUERY_SCHEMA_VERSION })
    );
    expect(screen.getByTestId(testIds.query.window)).toHaveValue('14d');
    expect(screen.getByTestId(testIds.query.expr)).toHaveValue('up');
  });

  it('commits a field on blur and runs the query', () => {
    const onChange = jest.fn();
    const onRunQuery = jest.fn();
    const query = {
      refId: 'A',
      schemaVersion: QUERY_SCHEMA_VERSION,
      expr: '',
      trainingWindow: '7d',
      trainingStep: 'auto',
      horizon: '1h',
      method: 'auto',
      modelMode: 'train',
    } as ForesightQuery;
    render(<QueryEditor query={query} onChange={onChange} onRunQuery={onRunQuery} datasource={datasource} />);
    const horizon = screen.getByTestId(testIds.query.horizon);
    fireEvent.change(horizon, { target: { value: '6h' } });
    fireEvent.blur(horizon);
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ horizon: '6h' }));
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('explains a bad duration next to the fields', () => {
    const query = {
      refId: 'A',
      schemaVersion: QUERY_SCHEMA_VERSION,
      expr: 'up',
      trainingWindow: 'a week',
      trainingStep: 'auto',
      horizon: '1h',
      method: 'auto',
      modelMode: 'train',
    } as ForesightQuery;
    render(<QueryEditor query={query} onChange={jest.fn()} onRunQuery={jest.fn()} datasource={datasource} />);
    expect(screen.getByTestId(testIds.query.durationError)).toHaveTextContent(
      'training window: "a week" is not a duration'
    );
    expect(durationProblem('auto', 'step', true)).toBeUndefined();
  });
});
