import { Input } from '@grafana/ui';
import React from 'react';

interface Props {
  value: number | undefined;
  placeholder?: string;
  onChange(value: number | undefined): void;
  testId: string;
  width?: number;
  min?: number;
}

/** A number box that commits on blur: empty means "use the default", junk is ignored. */
export function NumberInput({ value, placeholder, onChange, testId, width = 12, min }: Props) {
  return (
    <Input
      type="number"
      width={width}
      min={min}
      defaultValue={value ?? ''}
      placeholder={placeholder}
      data-testid={testId}
      onBlur={(e) => {
        const text = e.currentTarget.value.trim();
        const n = Number(text);
        onChange(text === '' || !Number.isFinite(n) ? undefined : n);
      }}
    />
  );
}
