/** A Prometheus annotation query as a dashboard holds it, for the playground host's tests. */
import type { AnnotationQueryModel } from './dashboardModel';

export function annotationQuery(patch: Partial<AnnotationQueryModel> = {}): AnnotationQueryModel {
  return {
    name: 'Reactive scaling',
    enable: true,
    hide: false,
    iconColor: '#8AB8FF',
    datasource: { type: 'prometheus', uid: 'prom' },
    expr: 'changes(service_replicas[1m]) > 0',
    step: '60s',
    titleFormat: 'Replicas changed',
    textFormat: '{{service}} now at {{instance}}',
    tagKeys: 'service',
    useValueForTime: false,
    ...patch,
  };
}
