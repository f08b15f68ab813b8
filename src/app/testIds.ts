/** Test ids shared by the unit tests and the browser tests. */
export const appTestIds = {
  overview: 'data-testid foresight-app-overview',
};
