/**
 * The PromQL field: a text area with a keyboard-accessible suggestion list of the wrapped
 * Prometheus's metric names, label names and label values (see `promqlContext.ts` for what is
 * suggested where, `../completion.ts` for where the lists come from). Not `@grafana/prometheus`:
 * no release matches our @grafana 12.4.10 pins, and its Monaco editor needs assets Grafana loads at
 * run time. Keys: ↑/↓ choose, Enter/Tab insert, Esc closes, Ctrl+Space opens, Shift+Enter runs.
 */
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { TextArea, useStyles2 } from '@grafana/ui';
import React, { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { applyCompletion, promqlContext, type PromqlContext } from './promqlContext';
import { promqlTestIds } from './promqlTestIds';

type OpenContext = Exclude<PromqlContext, { kind: 'none' }>;

export interface PromQLFieldProps {
  id: string;
  value: string;
  placeholder?: string;
  testId: string;
  onChange(expr: string): void;
  /** Blur and Shift/Ctrl+Enter: run a waiting query now. */
  onCommit(): void;
  loadSuggestions(ctx: OpenContext): Promise<string[]>;
}

const KIND_WORDS: Record<OpenContext['kind'], string> = {
  metric: 'metric',
  labelName: 'label',
  labelValue: 'value',
};

/** Opened without being asked: after at least one character of a name, or right after `{`, `,`, `"`. */
function opensByItself(ctx: PromqlContext): ctx is OpenContext {
  return ctx.kind === 'labelName' || ctx.kind === 'labelValue' || (ctx.kind === 'metric' && ctx.prefix.length > 0);
}

export function PromQLField({ id, value, placeholder, testId, onChange, onCommit, loadSuggestions }: PromQLFieldProps) {
  const styles = useStyles2(getStyles);
  const listId = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [ctx, setCtx] = useState<OpenContext | undefined>();
  const [items, setItems] = useState<string[]>([]);
  const [active, setActive] = useState(0);
  const [note, setNote] = useState<string | undefined>();
  const request = useRef(0);
  const pendingCursor = useRef<number | undefined>(undefined);

  useLayoutEffect(() => {
    // Put the cursor after an inserted suggestion once the new text is rendered.
    if (pendingCursor.current !== undefined && area.current) {
      area.current.setSelectionRange(pendingCursor.current, pendingCursor.current);
      pendingCursor.current = undefined;
    }
  }, [value]);
  useEffect(
    () => () => {
      request.current++;
    },
    []
  );

  const close = () => {
    request.current++;
    setCtx(undefined);
    setItems([]);
  };
  const suggest = (text: string, cursor: number, asked: boolean) => {
    const next = promqlContext(text, cursor);
    if (next.kind === 'none' || (!asked && !opensByItself(next))) {
      close();
      return;
    }
    const ticket = ++request.current;
    loadSuggestions(next).then(
      (found) => {
        if (ticket === request.current) {
          setNote(undefined);
          setCtx(found.length > 0 ? next : undefined);
          setItems(found);
          setActive(0);
        }
      },
      (err: unknown) => {
        if (ticket === request.current) {
          // Said in words under the field: the user sees why no suggestions come.
          setNote(err instanceof Error ? err.message : String(err));
          setCtx(undefined);
          setItems([]);
        }
      }
    );
  };
  const accept = (choice: string) => {
    if (!ctx) {
      return;
    }
    const result = applyCompletion(value, ctx, choice);
    pendingCursor.current = result.cursor;
    close();
    onChange(result.expr);
  };
  const open = ctx !== undefined && items.length > 0;
  const optionId = (i: number) => `${listId}-option-${i}`;

  return (
    <div className={styles.wrap}>
      <TextArea
        ref={area}
        id={id}
        rows={2}
        value={value}
        placeholder={placeholder}
        data-testid={testId}
        spellCheck={false}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? optionId(active) : undefined}
        onChange={(e) => {
          const el = e.currentTarget;
          onChange(el.value);
          suggest(el.value, el.selectionStart ?? el.value.length, false);
        }}
        onClick={close}
        onBlur={() => {
          close();
          onCommit();
        }}
        onKeyDown={(e) => {
          if (e.key === ' ' && e.ctrlKey) {
            e.preventDefault();
            const el = e.currentTarget;
            suggest(el.value, el.selectionStart ?? el.value.length, true);
          } else if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
            e.preventDefault();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((i) => (i + step + items.length) % items.length);
          } else if (open && (e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && !e.ctrlKey) {
            e.preventDefault();
            accept(items[active]);
          } else if (open && e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            close();
          } else if (open && ['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'].includes(e.key)) {
            // The cursor leaves the name being completed: the list would insert in the wrong place.
            close();
          } else if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            close();
            onCommit();
          }
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="PromQL suggestions"
        className={cx(styles.list, !open && styles.hidden)}
        data-testid={promqlTestIds.suggestions}
      >
        {open &&
          items.map((item, i) => (
            <li
              key={item}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={cx(styles.item, i === active && styles.active)}
              // mousedown, not click: the text area keeps focus, so blur does not close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                accept(item);
              }}
            >
              <span>{item}</span>
              <span className={styles.kind}>{KIND_WORDS[ctx?.kind ?? 'metric']}</span>
            </li>
          ))}
      </ul>
      {note && (
        <div className={styles.note} data-testid={promqlTestIds.completionNote}>
          {note}
        </div>
      )}
    </div>
  );
}

function getStyles(theme: GrafanaTheme2) {
  return {
    wrap: css({ position: 'relative', width: '100%' }),
    list: css({
      position: 'absolute',
      zIndex: theme.zIndex.dropdown,
      left: 0,
      top: '100%',
      minWidth: 280,
      maxWidth: '100%',
      maxHeight: 240,
      overflowY: 'auto',
      margin: 0,
      padding: theme.spacing(0.5, 0),
      listStyle: 'none',
      background: theme.colors.background.elevated,
      border: `1px solid ${theme.colors.border.weak}`,
      borderRadius: theme.shape.radius.default,
      boxShadow: theme.shadows.z3,
    }),
    hidden: css({ display: 'none' }),
    item: css({
      display: 'flex',
      justifyContent: 'space-between',
      gap: theme.spacing(2),
      padding: theme.spacing(0.5, 1),
      cursor: 'pointer',
      fontFamily: theme.typography.fontFamilyMonospace,
      fontSize: theme.typography.bodySmall.fontSize,
      wordBreak: 'break-all',
    }),
    active: css({ background: theme.colors.action.selected }),
    kind: css({ color: theme.colors.text.secondary, fontFamily: theme.typography.fontFamily }),
    note: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  };
}
