import { AppPlugin } from '@grafana/data';
import { AppOverview } from './app/AppOverview';

/** The app plugin: installs the nested Foresight data source and panel together (see plugin.json `includes`). */
export const plugin = new AppPlugin<{}>().setRootPage(AppOverview);
