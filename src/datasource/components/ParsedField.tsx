/**
 * A labelled text field whose text is parsed into the value the query holds (a number, seconds, a
 * duration string). The field keeps the text the user is typing; the query gets each value that
 * parses, and an invalid text is explained under the field and reported to the editor, which then
 * starts no run. When the query changes from outside (policy kind switch, migration) the text
 * follows it, so what the field shows is what the query holds. Empty text inherits the default,
 * which the placeholder shows.
 */
import { InlineField, Input } from '@grafana/ui';
import React, { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { ParseResult } from './limits';

export interface ParsedFieldProps<T> {
  label: string;
  tooltip?: string;
  labelWidth?: number;
  width?: number;
  value: T | undefined;
  parse(text: string): ParseResult<T>;
  format(value: T): string;
  onChange(value: T | undefined): void;
  /** The field's current problem (undefined when it parses), for the editor's run gate. */
  onProblem?(problem: string | undefined): void;
  /** Blur and Enter: the editor runs a waiting query at once. */
  onCommit?(): void;
  placeholder?: string;
  testId: string;
}

export function ParsedField<T>(props: ParsedFieldProps<T>) {
  const { label, tooltip, labelWidth, width = 12, value, parse, format, placeholder, testId } = props;
  const id = useId();
  const [text, setText] = useState(() => (value === undefined ? '' : format(value)));
  const latest = useRef(props);
  const textRef = useRef(text);
  useLayoutEffect(() => {
    latest.current = props;
    textRef.current = text;
  });

  useEffect(() => {
    // Follow a value set from outside; the text being typed is kept while it means the same value.
    const { parse: parseNow, format: formatNow } = latest.current;
    const shown = parseNow(textRef.current);
    if (!(shown.ok && shown.value === value)) {
      setText(value === undefined ? '' : formatNow(value));
    }
  }, [value]);

  const result = parse(text);
  const problem = result.ok ? undefined : result.problem;
  useEffect(() => {
    latest.current.onProblem?.(problem);
  }, [problem]);
  // A field that disappears (e.g. thresholds after a kind switch) no longer blocks runs.
  useEffect(() => () => latest.current.onProblem?.(undefined), []);

  return (
    <InlineField
      label={label}
      labelWidth={labelWidth}
      tooltip={tooltip}
      htmlFor={id}
      // Shrinkable, so a long message wraps inside a narrow editor instead of running out of it.
      shrink
      invalid={problem !== undefined}
      error={problem}
    >
      <Input
        id={id}
        width={width}
        value={text}
        placeholder={placeholder}
        data-testid={testId}
        aria-invalid={problem !== undefined}
        onChange={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          const parsed = parse(next);
          if (parsed.ok && parsed.value !== value) {
            props.onChange(parsed.value);
          }
        }}
        onBlur={() => props.onCommit?.()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            props.onCommit?.();
          }
        }}
      />
    </InlineField>
  );
}
