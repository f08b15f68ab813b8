import React from 'react';
import { render, screen } from '@testing-library/react';
import { type AppRootProps } from '@grafana/data';
import { AppOverview } from './AppOverview';
import { appTestIds } from './testIds';

describe('AppOverview', () => {
  it('explains how to start', () => {
    render(<AppOverview {...({} as AppRootProps)} />);
    expect(screen.getByTestId(appTestIds.overview)).toHaveTextContent('Foresight LSTM');
  });
});
