import React from 'react';
export function ForecastPanel() {
  return <div>Foresight forecast</div>;
}
