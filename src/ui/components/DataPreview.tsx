import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { worker } from '../worker-client';

const PAGE = 200;
const ROW_HEIGHT = 28;

/**
 * A virtualised grid over the rows held in the worker: only the visible rows are in the
 * DOM and only the pages around them are fetched, so 300,000 rows scroll like 30.
 */
export function DataPreview({ columns, rowCount }: { columns: string[]; rowCount: number }) {
  const scroller = useRef<HTMLDivElement>(null);
  const pages = useRef(new Map<number, (string | null)[][]>());
  const pending = useRef(new Set<number>());
  const [, setVersion] = useState(0);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
      if (pages.current.has(p) || pending.current.has(p)) continue;
      pending.current.add(p);
      void worker()
        .rows(p * PAGE, PAGE)
        .then((rows) => {
          pages.current.set(p, rows);
          pending.current.delete(p);
          if (pages.current.size > 50) pages.current.delete(pages.current.keys().next().value!);
          setVersion((v) => v + 1);
        });
    }
  }, [first, last]);

  const template = `64px repeat(${columns.length}, minmax(110px, 1fr))`;
  return (
    <section aria-labelledby="preview-title" className="preview">
      <h3 id="preview-title">Preview</h3>
      <div className="grid-scroll" ref={scroller} data-testid="preview-grid" tabIndex={0} aria-label="Data preview (scroll with arrow keys)">
        <div className="grid-row grid-head" style={{ gridTemplateColumns: template }} role="row">
          <span role="columnheader">#</span>
          {columns.map((c) => (
            <span key={c} role="columnheader" title={c}>
              {c}
            </span>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
          {items.map((item) => {
            const row = pages.current.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
            return (
              <div
                key={item.key}
                className="grid-row"
                role="row"
                style={{ gridTemplateColumns: template, position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, width: '100%' }}
              >
                <span className="muted">{item.index + 1}</span>
                {columns.map((c, j) => (
                  <span key={c} role="cell" className={row?.[j] == null ? 'cell missing' : 'cell'}>
                    {row ? (row[j] ?? '') : '…'}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
