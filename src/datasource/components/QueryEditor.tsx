import React from 'react';
export function QueryEditor() {
  return <div>Foresight query</div>;
}
