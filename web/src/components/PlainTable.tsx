/**
 * A plain HTML table in antd's look, for the 待办 page: signing in lands there, and antd's Table brings
 * its filters, sorters, selection and virtual scroll (about 80 kB gzipped, `npm run bundle:size`) that a
 * list of one's work does not use. Columns render cells; a row click opens it unless a link or button
 * inside was clicked; pages of `pageSize` with a plain pager (cut here, or asked of the server with `paging`); a thin
 * bar while refreshing.
 */
import { Button, Empty, Flex, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import './plain-table.css';

export type PlainColumn<T> = { key: string; title: string; width?: number; render: (item: T) => ReactNode };

/** Paged on the server: `rows` is the page asked for, `total` how many there are in all. */
export type PlainPaging = { page: number; total: number; onPage: (page: number) => void };

export const PlainTable = <T,>({
  columns,
  rows,
  rowKey,
  onRowClick,
  emptyText,
  isRefreshing = false,
  pageSize = 50,
  minWidth,
  label,
  paging,
}: {
  columns: readonly PlainColumn<T>[];
  rows: readonly T[];
  rowKey: (item: T) => string;
  onRowClick?: (item: T) => void;
  emptyText: string;
  isRefreshing?: boolean;
  pageSize?: number;
  minWidth?: number;
  label: string;
  paging?: PlainPaging | undefined;
}) => {
  const [localPage, setLocalPage] = useState(1);
  const total = paging ? Math.max(paging.total, (paging.page - 1) * pageSize + rows.length) : rows.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(paging?.page ?? localPage, pages);
  const setPage = paging?.onPage ?? setLocalPage;
  const shown = paging ? rows : rows.slice((current - 1) * pageSize, current * pageSize);
  if (total === 0) return <Empty description={emptyText} />;
  return (
    <div className="fb-plain-table-wrap">
      {isRefreshing && <div className="fb-plain-table-refreshing" aria-hidden />}
      <div className="fb-plain-table-scroll">
        <table className="fb-plain-table" aria-label={label} style={minWidth ? { minWidth } : undefined}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.key} style={column.width ? { width: column.width } : undefined}>
                  {column.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((item) => (
              <tr
                key={rowKey(item)}
                className={onRowClick ? 'fb-plain-table-clickable' : undefined}
                onClick={(event) => {
                  if (onRowClick && !(event.target as HTMLElement).closest('a, button')) onRowClick(item);
                }}
              >
                {columns.map((column) => (
                  <td key={column.key}>{column.render(item)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Flex justify="flex-end" align="center" gap={8} className="fb-plain-table-footer">
        <Typography.Text type="secondary">共 {total} 件</Typography.Text>
        {pages > 1 && (
          <>
            <Button size="small" disabled={current === 1} onClick={() => setPage(current - 1)}>
              上一页
            </Button>
            <Typography.Text>
              {current} / {pages}
            </Typography.Text>
            <Button size="small" disabled={current === pages} onClick={() => setPage(current + 1)}>
              下一页
            </Button>
          </>
        )}
      </Flex>
    </div>
  );
};
