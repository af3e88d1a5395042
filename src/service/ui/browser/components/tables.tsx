/** DynamicTable (its head and rows arrive as ContentWrapper → Row → Cell nodes) and Tabs. */
import DynamicTable from '@atlaskit/dynamic-table';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import type { Drawing, Draw } from '../drawing';
import { bool, callback, childrenOf, elementToDoc, text, type ForgeDoc } from '../forge-doc';

const cellsOf = (parent: ForgeDoc, draw: Draw) =>
  childrenOf(parent, 'Cell').map((cell) => ({
    key: text(cell.props.cellKey) ?? cell.key,
    content: <>{cell.children.map(draw)}</>,
    ...(typeof cell.props.width === 'number' ? { width: cell.props.width } : {}),
    ...(bool(cell.props.isSortable) !== undefined ? { isSortable: bool(cell.props.isSortable) } : {}),
  }));

const DynamicTableDrawing: Drawing = ({ doc, draw }) => {
  const head = childrenOf(doc, 'ContentWrapper', 'head')[0];
  const rows = childrenOf(doc, 'ContentWrapper', 'rows')[0];
  const emptyView = elementToDoc(doc.props.emptyView, `${doc.key}-empty`);
  return (
    <DynamicTable
      caption={text(doc.props.caption)}
      head={head && head.children.length > 0 ? { cells: cellsOf(head, draw) } : undefined}
      rows={(rows ? childrenOf(rows, 'Row') : []).map((row) => ({
        key: text(row.props.rowKey) ?? row.key,
        cells: cellsOf(row, draw),
      }))}
      rowsPerPage={typeof doc.props.rowsPerPage === 'number' ? doc.props.rowsPerPage : undefined}
      isLoading={bool(doc.props.isLoading)}
      isRankable={false}
      emptyView={emptyView ? <>{draw(emptyView)}</> : undefined}
    />
  );
};

/** Tabs drawn straight from the doc, so Atlaskit sees exactly TabList → Tab and TabPanel as its own children. */
const TabsDrawing: Drawing = ({ doc, draw }) => {
  const list = childrenOf(doc, 'TabList')[0];
  const panels = childrenOf(doc, 'TabPanel');
  const onChange = callback(doc.props.onChange);
  const selected = typeof doc.props.selected === 'number' ? doc.props.selected : undefined;
  return (
    <Tabs
      id={text(doc.props.id) ?? doc.key}
      {...(selected === undefined ? {} : { selected })}
      onChange={(index) => void onChange?.(index)}
    >
      <TabList>
        {(list ? childrenOf(list, 'Tab') : []).map((tab) => (
          <Tab key={tab.key}>{tab.children.map(draw)}</Tab>
        ))}
      </TabList>
      {panels.map((panel) => (
        <TabPanel key={panel.key}>
          <div className="forge-tab-panel">{panel.children.map(draw)}</div>
        </TabPanel>
      ))}
    </Tabs>
  );
};

export const TABLES: Record<string, Drawing> = { DynamicTable: DynamicTableDrawing, Tabs: TabsDrawing };
