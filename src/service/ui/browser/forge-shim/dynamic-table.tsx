/**
 * UI Kit's DynamicTable: the `head` and `rows` props cannot travel in a ForgeDoc as React nodes, so, as in UI Kit,
 * they become `ContentWrapper` (head, rows) → `Row` → `Cell` nodes whose children are the cells' content; React's
 * reserved `key` travels as `rowKey` and `cellKey`. The renderer turns them back into Atlaskit's head and rows.
 */
import type { ReactNode } from 'react';

interface CellProps {
  key?: string | number;
  content?: ReactNode;
  [prop: string]: unknown;
}

interface RowProps {
  key?: string | number;
  cells: CellProps[];
  [prop: string]: unknown;
}

export interface DynamicTableProps {
  head?: { cells: CellProps[] };
  rows?: RowProps[];
  [prop: string]: unknown;
}

const cell = ({ content, key, ...props }: CellProps) => (
  <Cell key={key} cellKey={key} {...props}>
    {content}
  </Cell>
);

// Host types of the reconciler: strings, drawn by name.
const Table = 'DynamicTable' as unknown as (props: Record<string, unknown>) => ReactNode;
const ContentWrapper = 'ContentWrapper' as unknown as (props: { name: string; children?: ReactNode }) => ReactNode;
const Row = 'Row' as unknown as (props: Record<string, unknown>) => ReactNode;
const Cell = 'Cell' as unknown as (props: Record<string, unknown>) => ReactNode;

export function DynamicTable({ head, rows, ...props }: DynamicTableProps) {
  return (
    <Table {...props}>
      <ContentWrapper name="head">{head?.cells.map(cell)}</ContentWrapper>
      <ContentWrapper name="rows">
        {rows?.map(({ cells, key, ...rowProps }) => (
          <Row key={key} rowKey={key} {...rowProps}>
            {cells.map(cell)}
          </Row>
        ))}
      </ContentWrapper>
    </Table>
  );
}
