/**
 * Grafana's dashboard time zone as an IANA zone for the times written in action reasons:
 * 'browser' (or unset) is the viewer's zone, 'utc' is UTC, anything else is already a zone name.
 */
export function reasonTimeZone(dashboardZone: string | undefined): string {
  if (!dashboardZone || dashboardZone === 'browser') {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  }
  return dashboardZone.toLowerCase() === 'utc' ? 'UTC' : dashboardZone;
}
