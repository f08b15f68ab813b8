import { useEffect, useState } from 'react';
import { savedModelNames } from '../../worker/savedModelNames';

/**
 * The model names saved in this browser, read when `active` turns on (model mode "load"), so the
 * name field can offer them; none while off, or where the store cannot be read.
 */
export function useSavedModelNames(active: boolean, read: () => Promise<string[]> = savedModelNames): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    if (!active) {
      return;
    }
    let current = true;
    read()
      .then((found) => current && setNames(found))
      .catch(() => current && setNames([]));
    return () => {
      current = false;
    };
  }, [active, read]);
  return active ? names : [];
}
