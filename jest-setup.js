// Jest setup provided by Grafana scaffolding. It patches DOM globals, so only load it in jsdom:
// engine, policy and tooling tests run in the node environment (`@jest-environment node`).
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');
}
