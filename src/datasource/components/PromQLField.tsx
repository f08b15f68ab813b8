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

/** The completion state of one field: the open list, its active item, and a note when loading failed. */
interface Completion {
  ctx?: OpenContext;
  items: string[];
  active: number;
  note?: string;
  open: boolean;
  setActive: React.Dispatch<React.SetStateAction<number>>;
  close(): void;
  /** Look up suggestions at the cursor; `asked` (Ctrl+Space) opens the list where it would not open by itself. */
  suggest(text: string, cursor: number, asked: boolean): void;
  accept(choice: string): void;
}

function useCompletion(
  area: React.RefObject<HTMLTextAreaElement | null>,
  value: string,
  loadSuggestions: PromQLFieldProps['loadSuggestions'],
  onChange: PromQLFieldProps['onChange']
): Completion {
  const [ctx, setCtx] = useState<OpenContext | undefined>();
  const [items, setItems] = useState<string[]>([]);
  const [active, setActive] = useState(0);
  const [note, setNote] = useState<string | undefined>();
  // Only the latest lookup may answer; unmounting makes every pending one stale.
  const request = useRef(0);
  const pendingCursor = useRef<number | undefined>(undefined);

  useLayoutEffect(() => {
    // Put the cursor after an inserted suggestion once the new text is rendered.
    if (pendingCursor.current !== undefined && area.current) {
      area.current.setSelectionRange(pendingCursor.current, pendingCursor.current);
      pendingCursor.current = undefined;
    }
  }, [area, value]);
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
  const answer = (ticket: number, next: OpenContext | undefined, found: string[], problem?: string) => {
    if (ticket === request.current) {
      // A failed lookup is said in words under the field: the user sees why no suggestions come.
      setNote(problem);
      setCtx(found.length > 0 ? next : undefined);
      setItems(found);
      if (problem === undefined) {
        setActive(0);
      }
    }
  };
  const suggest = (text: string, cursor: number, asked: boolean) => {
    const next = promqlContext(text, cursor);
    if (next.kind === 'none' || (!asked && !opensByItself(next))) {
      close();
      return;
    }
    const ticket = ++request.current;
    loadSuggestions(next).then(
      (found) => answer(ticket, next, found),
      (err: unknown) => answer(ticket, undefined, [], err instanceof Error ? err.message : String(err))
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
  return { ctx, items, active, note, open, setActive, close, suggest, accept };
}

const CURSOR_MOVES = ['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'];

/** Keys: Ctrl+Space asks, arrows choose, Enter/Tab accept, Escape closes, Shift/Ctrl+Enter runs. */
function handleKey(e: React.KeyboardEvent<HTMLTextAreaElement>, c: Completion, onCommit: () => void): void {
  if (e.key === ' ' && e.ctrlKey) {
    e.preventDefault();
    const el = e.currentTarget;
    c.suggest(el.value, el.selectionStart ?? el.value.length, true);
  } else if (c.open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
    e.preventDefault();
    const step = e.key === 'ArrowDown' ? 1 : -1;
    c.setActive((i) => (i + step + c.items.length) % c.items.length);
  } else if (c.open && (e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && !e.ctrlKey) {
    e.preventDefault();
    c.accept(c.items[c.active]);
  } else if (c.open && e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation();
    c.close();
  } else if (c.open && CURSOR_MOVES.includes(e.key)) {
    // The cursor leaves the name being completed: the list would insert in the wrong place.
    c.close();
  } else if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    c.close();
    onCommit();
  }
}

function SuggestionList({ listId, c }: { listId: string; c: Completion }) {
  const styles = useStyles2(getStyles);
  return (
    <ul
      id={listId}
      role="listbox"
      aria-label="PromQL suggestions"
      className={cx(styles.list, !c.open && styles.hidden)}
      data-testid={promqlTestIds.suggestions}
    >
      {c.open &&
        c.items.map((item, i) => (
          <li
            key={item}
            id={`${listId}-option-${i}`}
            role="option"
            aria-selected={i === c.active}
            className={cx(styles.item, i === c.active && styles.active)}
            // mousedown, not click: the text area keeps focus, so blur does not close the list first.
            onMouseDown={(e) => {
              e.preventDefault();
              c.accept(item);
            }}
          >
            <span>{item}</span>
            <span className={styles.kind}>{KIND_WORDS[c.ctx?.kind ?? 'metric']}</span>
          </li>
        ))}
    </ul>
  );
}

export function PromQLField({ id, value, placeholder, testId, onChange, onCommit, loadSuggestions }: PromQLFieldProps) {
  const styles = useStyles2(getStyles);
  const listId = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const c = useCompletion(area, value, loadSuggestions, onChange);
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
        aria-expanded={c.open}
        aria-controls={listId}
        aria-activedescendant={c.open ? `${listId}-option-${c.active}` : undefined}
        onChange={(e) => {
          const el = e.currentTarget;
          onChange(el.value);
          c.suggest(el.value, el.selectionStart ?? el.value.length, false);
        }}
        onClick={c.close}
        onBlur={() => {
          c.close();
          onCommit();
        }}
        onKeyDown={(e) => handleKey(e, c, onCommit)}
      />
      <SuggestionList listId={listId} c={c} />
      {c.note && (
        <div className={styles.note} data-testid={promqlTestIds.completionNote}>
          {c.note}
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
