import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import React from 'react';
import { testIds } from '../testIds';
import { QUERY_SCHEMA_VERSION, type ForesightQuery } from '../types';
import { ModelFields } from './ModelFields';
import type { SectionProps } from './querySection';
import { savedModelNames } from '../../worker/savedModelNames';

jest.mock('../../worker/savedModelNames', () => ({ savedModelNames: jest.fn(async () => []) }));
const savedNames = savedModelNames as jest.MockedFunction<typeof savedModelNames>;

const query: ForesightQuery = {
  refId: 'A',
  schemaVersion: QUERY_SCHEMA_VERSION,
  expr: 'up',
  trainingWindow: '7d',
  trainingStep: 'auto',
  horizon: '1h',
  method: 'auto',
  modelMode: 'train',
};

function section(overrides: Partial<ForesightQuery> = {}): SectionProps & { update: jest.Mock; flush: jest.Mock } {
  return { query: { ...query, ...overrides }, update: jest.fn(), flush: jest.fn(), reporter: () => () => undefined };
}

describe('ModelFields (query editor section)', () => {
  it('offers the model names saved in this browser while loading, and reads them only then', async () => {
    savedNames.mockClear();
    savedNames.mockResolvedValue(['checkout-rps', 'model-serving']);
    const { rerender } = render(<ModelFields {...section()} />);
    expect(savedNames).not.toHaveBeenCalled();
    expect(screen.getByTestId(testIds.query.modelRef)).not.toHaveAttribute('list');
    rerender(<ModelFields {...section({ modelMode: 'load' })} />);
    const list = await screen.findByTestId(testIds.query.savedModelNames);
    expect([...list.querySelectorAll('option')].map((o) => o.getAttribute('value'))).toEqual([
      'checkout-rps',
      'model-serving',
    ]);
    expect(screen.getByTestId(testIds.query.modelRef)).toHaveAttribute('list', list.id);
    rerender(<ModelFields {...section()} />);
    await waitFor(() => expect(screen.queryByTestId(testIds.query.savedModelNames)).not.toBeInTheDocument());
  });

  it('offers fine-tuning only for a loaded model, and the retrain limits only for auto-retrain', () => {
    const { rerender } = render(<ModelFields {...section()} />);
    expect(screen.queryByTestId(testIds.query.fineTune)).not.toBeInTheDocument();
    expect(screen.queryByTestId(testIds.query.maxAge)).not.toBeInTheDocument();
    rerender(<ModelFields {...section({ modelMode: 'load' })} />);
    expect(screen.getByTestId(testIds.query.fineTune)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.query.modelRef)).toHaveAttribute('placeholder', 'checkout-rps or https://…');
    rerender(<ModelFields {...section({ modelMode: 'auto-retrain' })} />);
    expect(screen.getByTestId(testIds.query.maxAge)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.query.maxRelMae)).toBeInTheDocument();
  });

  it('drops the LSTM settings when the last knob is cleared, so the defaults apply again', () => {
    const props = section({ lstm: { units: 16 } });
    render(<ModelFields {...props} />);
    fireEvent.click(screen.getByText('Advanced (LSTM)'));
    fireEvent.change(screen.getByTestId(testIds.query.lstmUnits), { target: { value: '' } });
    expect(props.update).toHaveBeenLastCalledWith({ lstm: undefined });
    fireEvent.change(screen.getByTestId(testIds.query.lstmEpochs), { target: { value: '30' } });
    expect(props.update).toHaveBeenLastCalledWith({ lstm: { units: 16, epochs: 30 } });
  });

  it('keeps the model name as typed, spaces between words included (a blank one is no name)', () => {
    const props = section({ modelRef: 'checkout' });
    render(<ModelFields {...props} />);
    const field = screen.getByTestId(testIds.query.modelRef);
    fireEvent.change(field, { target: { value: 'checkout ' } });
    expect(props.update).toHaveBeenLastCalledWith({ modelRef: 'checkout ' });
    fireEvent.change(field, { target: { value: '   ' } });
    expect(props.update).toHaveBeenLastCalledWith({ modelRef: undefined });
  });

  it('runs at once on Enter in the model name', () => {
    const props = section();
    render(<ModelFields {...props} />);
    fireEvent.keyDown(screen.getByTestId(testIds.query.modelRef), { key: 'Enter' });
    expect(props.flush).toHaveBeenCalledTimes(1);
  });
});
