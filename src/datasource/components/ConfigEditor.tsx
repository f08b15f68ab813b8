import React from 'react';
export function ConfigEditor() {
  return <div>Foresight configuration</div>;
}
