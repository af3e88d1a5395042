/**
 * Wiki markup → hast, line by line with an explicit stack of open containers (`{quote}`, `{panel}`), never by
 * recursion. Lists are built from their marker strings (`*#*`), tables row by row; a macro met inside an open list
 * item or table cell goes into it, as Jira renders it. A marker run longer than MAX_LIST_LEVELS is text.
 */
import { hElement, hText, type Element, type ElementContent, type Root } from '../hast';
import type { InlineEnv } from './atoms';
import { readInline } from './inline';
import { codeLanguage, macroTitle, splitMacros, type MacroName, type Piece } from './macros';
import { scanLine } from './scan';
import { rowRanges } from './table-row';

/** Jira's own parser reads at most 20 list markers; a longer marker run is text. */
const MAX_LIST_LEVELS = 20;

interface ListLevel {
  readonly list: Element;
  item: Element | undefined;
}

interface Context {
  readonly kind: 'root' | 'quote' | 'panel';
  readonly el: Element;
  paragraph: string[];
  lists: ListLevel[];
  table: { readonly el: Element; open: boolean } | undefined;
}

const HEADING = /^h([1-6])\.\s*(.*)$/;
const QUOTE_LINE = /^bq\.\s(.*)$/;
const LIST_LINE = /^([*#]+|-)\s+(.*)$/;
const RULE = /^-{4,}$/;

class BlockReader {
  private readonly root = hElement('root');
  private readonly contexts: Context[] = [this.context('root', this.root)];
  private raw: { readonly name: MacroName; readonly source: string; readonly pre: Element; text: string } | undefined;

  constructor(private readonly env: InlineEnv) {}

  private context(kind: Context['kind'], el: Element): Context {
    return { kind, el, paragraph: [], lists: [], table: undefined };
  }

  private get ctx(): Context {
    return this.contexts[this.contexts.length - 1] as Context;
  }

  private inline(line: string): ElementContent[] {
    return readInline(scanLine(line), 0, line.length, this.env);
  }

  private flushParagraph(): void {
    const { paragraph } = this.ctx;
    if (paragraph.length === 0) return;
    const children: ElementContent[] = [];
    for (let i = 0; i < paragraph.length; i++) {
      if (i > 0) children.push(hElement('br'));
      for (const node of this.inline(paragraph[i] as string)) children.push(node);
    }
    this.ctx.el.children.push(hElement('p', {}, children));
    this.ctx.paragraph = [];
  }

  private flushAll(): void {
    this.flushParagraph();
    this.ctx.lists = [];
    this.ctx.table = undefined;
  }

  /** Where a block goes: into the open list item or table cell, else the container. */
  private blockTarget(): Element {
    const { lists, table, el } = this.ctx;
    const item = lists[lists.length - 1]?.item;
    if (item) return item;
    const cell = table?.open ? table.el.children.at(-1) : undefined;
    const lastCell = cell?.type === 'element' ? cell.children.at(-1) : undefined;
    return lastCell?.type === 'element' ? lastCell : el;
  }

  private listItem(markers: string, rest: string): void {
    this.flushParagraph();
    this.ctx.table = undefined;
    const levels = markers;
    const { lists } = this.ctx;
    let keep = 0;
    while (
      keep < lists.length &&
      keep < levels.length &&
      (lists[keep] as ListLevel).list.tagName === tagOf(levels[keep])
    )
      keep++;
    lists.length = keep;
    while (lists.length < levels.length) {
      const list = hElement(tagOf(levels[lists.length]));
      const parent = lists[lists.length - 1];
      if (parent) {
        parent.item ??= appendChild(parent.list, hElement('li'));
        parent.item.children.push(list);
      } else {
        this.ctx.el.children.push(list);
      }
      lists.push({ list, item: undefined });
    }
    const level = lists[lists.length - 1] as ListLevel;
    level.item = appendChild(level.list, hElement('li', {}, this.inline(rest)));
  }

  private tableLine(line: string, continuing: boolean): void {
    this.flushParagraph();
    this.ctx.lists = [];
    const scanned = scanLine(line);
    const ranges = rowRanges(scanned);
    let table = this.ctx.table;
    if (!table) {
      table = { el: appendChild(this.ctx.el, hElement('table')), open: false };
      this.ctx.table = table;
    }
    const lastRow = table.el.children.at(-1);
    if (continuing && lastRow?.type === 'element') {
      const cell = lastRow.children.at(-1);
      if (cell?.type === 'element')
        cell.children.push(hElement('br'), ...readInline(scanned, ranges.lead.from, ranges.lead.to, this.env));
    }
    const row = continuing && lastRow?.type === 'element' ? lastRow : appendChild(table.el, hElement('tr'));
    for (const cell of ranges.cells) {
      row.children.push(hElement(cell.header ? 'th' : 'td', {}, readInline(scanned, cell.from, cell.to, this.env)));
    }
    table.open = !ranges.closed;
  }

  line(line: string): void {
    const start = line.trimStart();
    if (start === '') return this.flushAll();
    if (this.ctx.table?.open && !start.startsWith('|')) return this.tableLine(line, true);
    // The first character rules out most block forms before any pattern runs.
    const first = start[0];
    const heading = first === 'h' ? HEADING.exec(start) : null;
    const quote = first === 'b' ? QUOTE_LINE.exec(start) : null;
    if (heading || quote || (first === '-' && RULE.test(start.trimEnd()))) {
      this.flushAll();
      if (heading) this.ctx.el.children.push(hElement(`h${heading[1]}`, {}, this.inline(heading[2] ?? '')));
      else if (quote)
        this.ctx.el.children.push(hElement('blockquote', {}, [hElement('p', {}, this.inline(quote[1] ?? ''))]));
      else this.ctx.el.children.push(hElement('hr'));
      return;
    }
    const item = first === '*' || first === '#' || first === '-' ? LIST_LINE.exec(start) : null;
    if (item && (item[1] ?? '').length <= MAX_LIST_LEVELS) return this.listItem(item[1] ?? '*', item[2] ?? '');
    if (start.startsWith('|')) return this.tableLine(line, false);
    const openItem = this.ctx.lists.at(-1)?.item;
    if (openItem && this.ctx.paragraph.length === 0) {
      openItem.children.push(hElement('br'), ...this.inline(line));
      return;
    }
    this.ctx.lists = [];
    this.ctx.table = undefined;
    this.ctx.paragraph.push(line);
  }

  macro(piece: Extract<Piece, { type: 'macro' }>): void {
    if (this.raw) {
      // Only the bare macro closes: `{code:java}` inside code is code.
      if (piece.name === this.raw.name && piece.params === '') return this.closeRaw();
      this.raw.text += piece.source;
      return;
    }
    this.flushParagraph();
    if (piece.name === 'code' || piece.name === 'noformat') {
      const language = piece.name === 'code' ? codeLanguage(piece.params) : undefined;
      const target = this.blockTarget();
      // ADF code blocks have no title: it stays, in bold, above the code (as Jira Cloud's own importer does).
      const title = macroTitle(piece.params);
      if (title) target.children.push(hElement('p', {}, [hElement('strong', {}, [hText(title)])]));
      const pre = appendChild(target, hElement('pre', language ? { className: [`language-${language}`] } : {}));
      this.raw = { name: piece.name, source: piece.source, pre, text: '' };
      return;
    }
    const open = this.contexts.map((c) => c.kind).lastIndexOf(piece.name);
    if (open > 0) {
      while (this.contexts.length > open) {
        this.flushAll();
        this.contexts.pop();
      }
      return;
    }
    const el =
      piece.name === 'quote'
        ? hElement('blockquote')
        : hElement('wiki-panel', { title: macroTitle(piece.params) ?? '' });
    appendChild(this.blockTarget(), el);
    this.contexts.push(this.context(piece.name, el));
  }

  private closeRaw(): void {
    const raw = this.raw;
    if (!raw) return;
    raw.pre.children.push(hText(raw.text.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '')));
    this.raw = undefined;
  }

  text(value: string, afterMacro: boolean, beforeMacro: boolean): void {
    if (this.raw) {
      this.raw.text += value;
      return;
    }
    const lines = value.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const edge = (i === 0 && afterMacro) || (i === lines.length - 1 && beforeMacro);
      if (!(edge && line.trim() === '')) this.line(line);
    }
  }

  finish(): Root {
    this.closeRaw();
    while (this.contexts.length > 0) {
      this.flushAll();
      this.contexts.pop();
    }
    return { type: 'root', children: this.root.children };
  }
}

const tagOf = (marker: string | undefined): string => (marker === '#' ? 'ol' : 'ul');

function appendChild(parent: Element, child: Element): Element {
  parent.children.push(child);
  return child;
}

export function wikiToHast(input: string, env: InlineEnv): Root {
  const reader = new BlockReader(env);
  const pieces = splitMacros(input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input);
  pieces.forEach((piece, i) => {
    if (piece.type === 'macro') reader.macro(piece);
    else reader.text(piece.value, pieces[i - 1]?.type === 'macro', pieces[i + 1]?.type === 'macro');
  });
  return reader.finish();
}
