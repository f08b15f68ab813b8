import { fireEvent, render, screen } from '@testing-library/react';
import React from 'react';
import type { ScalingPolicy } from '../../policy/types';
import { testIds } from '../testIds';
import { PolicyFields, switchPolicyKind } from './PolicyFields';

function Host(props: {
  initial: Partial<ScalingPolicy>;
  inherited?: Partial<ScalingPolicy>;
  spy(p: Partial<ScalingPolicy>): void;
}) {
  const [value, setValue] = React.useState(props.initial);
  return (
    <PolicyFields
      value={value}
      inherited={props.inherited}
      onChange={(p) => {
        props.spy(p);
        setValue(p);
      }}
    />
  );
}

describe('PolicyFields', () => {
  it('switching the kind drops the other kind’s values, so this kind’s defaults show, and switching back restores them', () => {
    const spy = jest.fn();
    render(<Host initial={{ kind: 'target', capacityPerReplica: 80, minReplicas: 2 }} spy={spy} />);
    expect(screen.getByTestId(testIds.policy.capacity)).toHaveValue('80');
    fireEvent.click(screen.getByRole('radio', { name: 'Thresholds' }));
    expect(spy).toHaveBeenLastCalledWith({ kind: 'thresholds', minReplicas: 2 });
    const low = screen.getByTestId(testIds.policy.low);
    const high = screen.getByTestId(testIds.policy.high);
    expect(low).toHaveValue('');
    expect(low).toHaveAttribute('placeholder', '50');
    expect(high).toHaveAttribute('placeholder', '2500');
    fireEvent.change(low, { target: { value: '10' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Target tracking' }));
    expect(spy).toHaveBeenLastCalledWith({ kind: 'target', minReplicas: 2, capacityPerReplica: 80 });
    expect(screen.getByTestId(testIds.policy.capacity)).toHaveValue('80');
    fireEvent.click(screen.getByRole('radio', { name: 'Thresholds' }));
    expect(spy).toHaveBeenLastCalledWith({ kind: 'thresholds', minReplicas: 2, lowThreshold: 10 });
    expect(switchPolicyKind({ kind: 'thresholds', step: 2, tolerance: 0.2, headroom: 'upper95' }, 'target')).toEqual({
      kind: 'target',
      headroom: 'upper95',
    });
  });

  it('shows inherited values as placeholders, durations as durations', () => {
    render(
      <PolicyFields value={{ cooldownSec: 90 }} inherited={{ minReplicas: 5, leadTimeSec: 600 }} onChange={jest.fn()} />
    );
    expect(screen.getByTestId(testIds.policy.min)).toHaveAttribute('placeholder', '5');
    expect(screen.getByTestId(testIds.policy.min)).toHaveValue('');
    expect(screen.getByTestId(testIds.policy.leadTime)).toHaveAttribute('placeholder', '10m');
    expect(screen.getByTestId(testIds.policy.stabilization)).toHaveAttribute('placeholder', '5m');
    expect(screen.getByTestId(testIds.policy.cooldown)).toHaveValue('1m30s');
    expect(screen.getByLabelText('Lead time')).toBe(screen.getByTestId(testIds.policy.leadTime));
  });

  it('takes durations such as 15m (stored in seconds) and explains a bare number', () => {
    const spy = jest.fn();
    render(<Host initial={{}} spy={spy} />);
    const lead = screen.getByTestId(testIds.policy.leadTime);
    fireEvent.change(lead, { target: { value: '15m' } });
    expect(spy).toHaveBeenLastCalledWith({ leadTimeSec: 900 });
    fireEvent.change(lead, { target: { value: '300' } });
    expect(screen.getByText('Lead time: "300" has no unit; write a duration such as 300s or 5m')).toBeInTheDocument();
    fireEvent.change(lead, { target: { value: '2w' } });
    expect(screen.getByText('Lead time must be at most 7d (got 2w)')).toBeInTheDocument();
    fireEvent.change(lead, { target: { value: '0' } });
    expect(spy).toHaveBeenLastCalledWith({ leadTimeSec: 0 });
    fireEvent.change(lead, { target: { value: '' } });
    expect(spy).toHaveBeenLastCalledWith({});
  });
});
