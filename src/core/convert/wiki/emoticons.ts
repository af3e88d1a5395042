/**
 * Jira's wiki emoticons and the ADF emoji Jira Cloud shows for them. The ids and short names are the ones Jira
 * Cloud's own editor uses (its Atlassian emoticons render as Jira's icons); `text` is a Unicode look-alike, so the
 * plain text of a document still reads right where the icon cannot be drawn.
 */
export interface WikiEmoji {
  readonly id: string;
  readonly shortName: string;
  readonly text: string;
}

const EMOJI: Readonly<Record<string, WikiEmoji>> = {
  smile: { id: '1f642', shortName: ':slight_smile:', text: '🙂' },
  sad: { id: '1f61e', shortName: ':disappointed:', text: '😞' },
  tongue: { id: '1f61b', shortName: ':stuck_out_tongue:', text: '😛' },
  biggrin: { id: '1f603', shortName: ':smiley:', text: '😃' },
  wink: { id: '1f609', shortName: ':wink:', text: '😉' },
  thumbsUp: { id: '1f44d', shortName: ':thumbsup:', text: '👍' },
  thumbsDown: { id: '1f44e', shortName: ':thumbsdown:', text: '👎' },
  info: { id: 'atlassian-info', shortName: ':info:', text: 'ℹ️' },
  check: { id: 'atlassian-check_mark', shortName: ':check_mark:', text: '✅' },
  cross: { id: 'atlassian-cross_mark', shortName: ':cross_mark:', text: '❌' },
  warning: { id: 'atlassian-warning', shortName: ':warning:', text: '⚠️' },
  plus: { id: 'atlassian-plus', shortName: ':plus:', text: '➕' },
  minus: { id: 'atlassian-minus', shortName: ':minus:', text: '➖' },
  question: { id: 'atlassian-question_mark', shortName: ':question:', text: '❓' },
  bulbOn: { id: 'atlassian-light_bulb_on', shortName: ':light_bulb_on:', text: '💡' },
  bulbOff: { id: 'atlassian-light_bulb_off', shortName: ':light_bulb_off:', text: '💡' },
  starYellow: { id: 'atlassian-yellow_star', shortName: ':yellow_star:', text: '⭐' },
  starRed: { id: 'atlassian-red_star', shortName: ':red_star:', text: '⭐' },
  starGreen: { id: 'atlassian-green_star', shortName: ':green_star:', text: '⭐' },
  starBlue: { id: 'atlassian-blue_star', shortName: ':blue_star:', text: '⭐' },
  flagOn: { id: 'atlassian-flag_on', shortName: ':flag_on:', text: '🚩' },
  flagOff: { id: 'atlassian-flag_off', shortName: ':flag_off:', text: '🏳️' },
};

/** Every spelling Jira's notation help lists; the first spelling of each emoji is the one we write. */
const SPELLINGS: readonly (readonly [string, WikiEmoji])[] = [
  [':)', EMOJI.smile],
  [':-)', EMOJI.smile],
  [':(', EMOJI.sad],
  [':-(', EMOJI.sad],
  [':P', EMOJI.tongue],
  [':-P', EMOJI.tongue],
  [':p', EMOJI.tongue],
  [':-p', EMOJI.tongue],
  [':D', EMOJI.biggrin],
  [':-D', EMOJI.biggrin],
  [';)', EMOJI.wink],
  [';-)', EMOJI.wink],
  ['(y)', EMOJI.thumbsUp],
  ['(n)', EMOJI.thumbsDown],
  ['(i)', EMOJI.info],
  ['(/)', EMOJI.check],
  ['(x)', EMOJI.cross],
  ['(!)', EMOJI.warning],
  ['(+)', EMOJI.plus],
  ['(-)', EMOJI.minus],
  ['(?)', EMOJI.question],
  ['(on)', EMOJI.bulbOn],
  ['(off)', EMOJI.bulbOff],
  ['(*)', EMOJI.starYellow],
  ['(*y)', EMOJI.starYellow],
  ['(*r)', EMOJI.starRed],
  ['(*g)', EMOJI.starGreen],
  ['(*b)', EMOJI.starBlue],
  ['(flag)', EMOJI.flagOn],
  ['(flagoff)', EMOJI.flagOff],
].filter((entry): entry is [string, WikiEmoji] => entry[1] !== undefined);

const BY_SPELLING = new Map(SPELLINGS);
const BY_SHORT_NAME = new Map<string, string>();
for (const [spelling, emoji] of SPELLINGS)
  if (!BY_SHORT_NAME.has(emoji.shortName)) BY_SHORT_NAME.set(emoji.shortName, spelling);

const LONGEST = Math.max(...SPELLINGS.map(([s]) => s.length));
/** Last characters of the spellings: a length whose last character is none of them needs no lookup. */
const LAST = new Set(SPELLINGS.map(([s]) => s.charAt(s.length - 1)));
const WORD = /[\p{L}\p{N}]/u;

/** The emoticon starting at `at` (not followed by a letter or digit, as Jira reads them), or undefined. */
export function emoticonAt(text: string, at: number, end: number): { spelling: string; emoji: WikiEmoji } | undefined {
  for (let length = Math.min(LONGEST, end - at); length >= 2; length--) {
    if (!LAST.has(text.charAt(at + length - 1))) continue;
    const spelling = text.slice(at, at + length);
    const emoji = BY_SPELLING.get(spelling);
    if (emoji && !WORD.test(text.charAt(at + length))) return { spelling, emoji };
  }
  return undefined;
}

/** The wiki spelling of an ADF emoji Jira's wiki has, by short name. */
export function wikiEmoticon(shortName: string | undefined): string | undefined {
  return shortName === undefined ? undefined : BY_SHORT_NAME.get(shortName);
}
