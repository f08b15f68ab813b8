/**
 * jsdom has no canvas and no ResizeObserver; uPlot and TooltipPlugin2 need both. This installs a
 * no-op 2D context (every method a no-op; measureText returns a width), a no-op Path2D and a silent ResizeObserver,
 * so the real `@grafana/ui` chart code runs in unit tests. Drawing itself is not checked here.
 */
export function installCanvasStub(): void {
  const noop = () => undefined;
  const ctx = new Proxy<Record<string | symbol, unknown>>(
    {},
    {
      get(target, prop) {
        if (prop in target) {
          return target[prop];
        }
        if (prop === 'measureText') {
          return (text: string) => ({
            width: String(text).length * 6,
            actualBoundingBoxAscent: 8,
            actualBoundingBoxDescent: 2,
          });
        }
        if (prop === 'getImageData' || prop === 'createImageData') {
          return () => ({ data: new Uint8ClampedArray(4) });
        }
        if (prop === 'createLinearGradient' || prop === 'createRadialGradient' || prop === 'createPattern') {
          return () => ({ addColorStop: noop });
        }
        return noop;
      },
      set(target, prop, value) {
        target[prop] = value;
        return true;
      },
    }
  );
  // Typed loosely on purpose: the stub stands in for every context kind uPlot might ask for.
  (HTMLCanvasElement.prototype as unknown as { getContext: () => unknown }).getContext = () => ctx;
  if (typeof (globalThis as { Path2D?: unknown }).Path2D === 'undefined') {
    // uPlot builds its line and fill paths as Path2D objects; a no-op path is enough here.
    class Path2DStub {
      constructor() {
        return new Proxy(this, { get: (target, prop) => (prop in target ? Reflect.get(target, prop) : noop) });
      }
    }
    (globalThis as unknown as { Path2D: unknown }).Path2D = Path2DStub;
  }
  if (typeof window.ResizeObserver === 'undefined') {
    class SilentResizeObserver {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    }
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = SilentResizeObserver;
    (globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = SilentResizeObserver;
  }
  if (typeof window.matchMedia !== 'function') {
    window.matchMedia = () =>
      ({
        matches: false,
        addEventListener: noop,
        removeEventListener: noop,
        addListener: noop,
        removeListener: noop,
      }) as unknown as MediaQueryList;
  }
}
