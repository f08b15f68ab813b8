/**
 * The externals the built plugin modules `define` (see `.config/bundler/externals.ts`), provided
 * once by the host so plugin and page share one React, one @grafana/data, one theme.
 */
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUi from '@grafana/ui';
import * as i18next from 'i18next';
import * as lodash from 'lodash';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as jsxRuntime from 'react/jsx-runtime';
import * as reactRouter from 'react-router';
import * as reactRouterDom from 'react-router-dom';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';
import { provideModule } from './amd';

export function provideHostModules(): void {
  provideModule('react', React);
  provideModule('react-dom', ReactDOM);
  provideModule('react/jsx-runtime', jsxRuntime);
  provideModule('@grafana/data', grafanaData);
  provideModule('@grafana/ui', grafanaUi);
  provideModule('@grafana/runtime', grafanaRuntime);
  provideModule('rxjs', rxjs);
  provideModule('rxjs/operators', rxjsOperators);
  provideModule('@emotion/css', emotionCss);
  provideModule('@emotion/react', emotionReact);
  provideModule('lodash', lodash);
  provideModule('i18next', i18next);
  provideModule('react-router', reactRouter);
  provideModule('react-router-dom', reactRouterDom);
}
