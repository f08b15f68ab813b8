import { act, fireEvent, render, screen } from '@testing-library/react';
import React, { useState } from 'react';
import { useMarkerKeys } from './markerKeys';

function Row({ ids }: { ids: string[] }) {
  const keys = useMarkerKeys(ids, 'r');
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div>
      {ids.map((id) => (
        <div
          key={id}
          role="img"
          aria-label={id}
          data-marker-row="r"
          tabIndex={keys.tabIndex(id)}
          onFocus={() => {
            keys.focused(id);
            setOpen(id);
          }}
          onKeyDown={(e) => keys.onKeyDown(e, () => setOpen(null))}
        />
      ))}
      {open && <div role="tooltip">{open}</div>}
    </div>
  );
}

describe('useMarkerKeys', () => {
  it('makes a row one Tab stop that the arrow keys move along, and Escape closes the tooltip', () => {
    render(<Row ids={['a', 'b', 'c']} />);
    const [a, b, c] = ['a', 'b', 'c'].map((name) => screen.getByRole('img', { name }));
    expect([a, b, c].map((m) => m.tabIndex)).toEqual([0, -1, -1]);
    act(() => a.focus());
    fireEvent.keyDown(a, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(b);
    expect(screen.getByRole('tooltip')).toHaveTextContent('b');
    // the Tab stop follows focus, so Tab comes back to the marker last read
    expect([a, b, c].map((m) => m.tabIndex)).toEqual([-1, 0, -1]);
    fireEvent.keyDown(b, { key: 'End' });
    expect(document.activeElement).toBe(c);
    fireEvent.keyDown(c, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(c);
    fireEvent.keyDown(c, { key: 'Escape' });
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
    expect(document.activeElement).toBe(c);
    fireEvent.keyDown(c, { key: 'Home' });
    expect(document.activeElement).toBe(a);
  });
});
