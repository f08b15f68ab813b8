// Placeholder until the panel lands (issue: forecast panel).
import { PanelPlugin } from '@grafana/data';
import { ForecastPanel } from './components/ForecastPanel';

export const plugin = new PanelPlugin(ForecastPanel);
