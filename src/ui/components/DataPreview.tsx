import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { worker } from '../worker-client';

const PAGE = 200;
const ROW_HEIGHT = 28;
const COLUMN_WIDTH = 120;
const INDEX_WIDTH = 64;

/**
 * A grid virtualised in both directions over the rows held in the worker: only the visible
 * cells are in the DOM and only the pages around them are fetched, so 300,000 rows or
 * 10,000 columns scroll like a small table.
 */
export function DataPreview({ columns, rowCount }: { columns: string[]; rowCount: number }) {
  const scroller = useRef<HTMLDivElement>(null);
  const pages = useRef(new Map<number, (string | null)[][]>());
  const pending = useRef(new Set<number>());
  const [, setVersion] = useState(0);

  const rows = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const cols = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => COLUMN_WIDTH,
    overscan: 4,
  });
  const rowItems = rows.getVirtualItems();
  const colItems = cols.getVirtualItems();
  const first = rowItems[0]?.index ?? 0;
  const last = rowItems[rowItems.length - 1]?.index ?? 0;

  useEffect(() => {
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
      if (pages.current.has(p) || pending.current.has(p)) continue;
      pending.current.add(p);
      void worker()
        .rows(p * PAGE, PAGE)
        .then((page) => {
          pages.current.set(p, page);
          pending.current.delete(p);
          if (pages.current.size > 50) pages.current.delete(pages.current.keys().next().value!);
          setVersion((v) => v + 1);
        });
    }
  }, [first, last]);

  const totalWidth = INDEX_WIDTH + cols.getTotalSize();
  const cellStyle = (start: number) => ({ position: 'absolute' as const, left: INDEX_WIDTH + start, width: COLUMN_WIDTH, top: 0, height: ROW_HEIGHT });
  return (
    <section aria-labelledby="preview-title" className="preview">
      <h3 id="preview-title">Preview</h3>
      <div className="grid-scroll" ref={scroller} data-testid="preview-grid" tabIndex={0} aria-label="Data preview (scroll with arrow keys)" role="table" aria-rowcount={rowCount + 1} aria-colcount={columns.length + 1}>
        <div className="grid-row grid-head" style={{ width: totalWidth, height: ROW_HEIGHT, position: 'sticky', top: 0 }} role="row">
          <span role="columnheader" style={{ position: 'absolute', left: 0, width: INDEX_WIDTH }}>
            #
          </span>
          {colItems.map((c) => (
            <span key={c.key} role="columnheader" title={columns[c.index]} style={cellStyle(c.start)}>
              {columns[c.index]}
            </span>
          ))}
        </div>
        <div style={{ height: rows.getTotalSize(), width: totalWidth, position: 'relative' }} role="rowgroup">
          {rowItems.map((item) => {
            const row = pages.current.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
            return (
              <div key={item.key} className="grid-row" role="row" style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, width: totalWidth }}>
                <span className="muted" style={{ position: 'absolute', left: 0, width: INDEX_WIDTH }}>
                  {item.index + 1}
                </span>
                {colItems.map((c) => {
                  const v = row?.[c.index];
                  return (
                    <span key={c.key} role="cell" className={row && v == null ? 'cell missing' : 'cell'} style={cellStyle(c.start)}>
                      {row ? (v ?? '') : '…'}
                    </span>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
