/**
 * Tokens → hast with a stack. Closing a tag closes whatever it encloses that was left open; a closing tag
 * with nothing to close is literal text; tags still open at the end close there. Newlines become `br`
 * (group.ts turns a blank line into a paragraph break), except the one hugging a block tag, which is layout.
 * At most MAX_HAST_DEPTH tags are open at once: deeper ones are dropped (their text kept), so a person cannot make
 * the tree (or the time spent closing and reopening tags) grow with the input.
 */
import { MAX_HAST_DEPTH } from '../depth';
import { hElement, hText, type Element, type ElementContent, type Root } from '../hast';
import { decodeEntities } from './entities';
import { TAGS } from './tags';
import { tokenize, type Token } from './tokenize';

interface Frame {
  readonly name: string;
  readonly el: Element;
}

const isBlockTag = (token: Token | undefined): boolean =>
  (token !== undefined && token.type !== 'text' && TAGS[token.name]?.kind === 'block') ||
  (token?.type === 'open' && token.name === 'CODE');

function textContent(value: string): ElementContent[] {
  const out: ElementContent[] = [];
  value.split('\n').forEach((line, i) => {
    if (i > 0) out.push(hElement('br'));
    if (line !== '') out.push(hText(decodeEntities(line)));
  });
  return out;
}

function layoutTrim(value: string, prev: Token | undefined, next: Token | undefined): string {
  let text = value;
  if (isBlockTag(prev)) text = text.replace(/^[ \t]*\n/, '');
  if (isBlockTag(next)) text = text.replace(/\n[ \t]*$/, '');
  return text;
}

class TreeBuilder {
  private readonly root = hElement('root');
  private readonly stack: Frame[] = [{ name: '#root', el: this.root }];
  /** Tags opened past the depth cap and not yet closed, by name. */
  private readonly overflow = new Map<string, number>();

  private get top(): Frame {
    return this.stack[this.stack.length - 1] as Frame;
  }

  private append(...nodes: ElementContent[]): void {
    this.top.el.children.push(...nodes);
  }

  private indexOf(names: readonly string[]): number {
    for (let i = this.stack.length - 1; i > 0; i--) if (names.includes((this.stack[i] as Frame).name)) return i;
    return -1;
  }

  text(value: string): void {
    this.append(...textContent(value));
  }

  open(token: Extract<Token, { type: 'open' }>): void {
    const spec = TAGS[token.name];
    if (!spec) return;
    if (token.name === '*' && (this.overflow.get('LIST') ?? 0) > 0) return this.text('\n');
    if (token.name === '*') {
      const at = this.indexOf(['*', 'LIST']);
      if (at === -1) return this.text('[*]');
      if ((this.stack[at] as Frame).name === '*') this.stack.length = at;
    }
    const built = spec.build(token.attr, token.raw);
    if (token.kind === 'raw' || token.kind === 'void' || built.type !== 'element') return this.append(built);
    // Past the cap a tag is dropped and its content stays where it is: nesting (and every later walk) stays
    // bounded, no text is lost, and its close is matched by count so it cannot close an outer tag early.
    if (this.stack.length > MAX_HAST_DEPTH) {
      this.overflow.set(token.name, (this.overflow.get(token.name) ?? 0) + 1);
      return;
    }
    this.append(built);
    this.stack.push({ name: token.name, el: built });
  }

  close(token: Extract<Token, { type: 'close' }>): void {
    const dropped = this.overflow.get(token.name) ?? 0;
    if (dropped > 0) {
      this.overflow.set(token.name, dropped - 1);
      return;
    }
    const at = this.indexOf([token.name]);
    if (at === -1) return this.text(token.source);
    // Like a browser's adoption agency: inline formatting closed early by an outer close reopens after it.
    const reopen = this.stack.slice(at + 1).filter((f) => TAGS[f.name]?.kind === 'inline');
    this.stack.length = at;
    if (TAGS[token.name]?.kind !== 'inline') return;
    for (const frame of reopen) {
      const el = { ...frame.el, children: [] };
      this.append(el);
      this.stack.push({ name: frame.name, el });
    }
  }

  finish(): Root {
    return { type: 'root', children: this.root.children };
  }
}

export function bbcodeToHast(input: string): Root {
  const tokens = tokenize(input.replace(/\r\n?/g, '\n'));
  const builder = new TreeBuilder();
  tokens.forEach((token, i) => {
    if (token.type === 'text') builder.text(layoutTrim(token.value, tokens[i - 1], tokens[i + 1]));
    else if (token.type === 'open') builder.open(token);
    else builder.close(token);
  });
  return builder.finish();
}
