/** Guarantee 3: nothing executable crosses; the visible text around it does. */
import { adfPlainText, adfToBbcode, adfToHtml, bbcodeToAdf, htmlToAdf } from '../../src/core/convert';
import { doc, link, p, text } from './builders';

const json = (value: unknown): string => JSON.stringify(value);

describe('executable content', () => {
  it.each([
    ['script', '<p>hi</p><script>steal()</script>'],
    ['style', '<style>body{display:none}</style><p>hi</p>'],
    ['iframe', '<iframe src="https://evil.example"></iframe><p>hi</p>'],
  ])('drops %s elements with their content', (_name, html) => {
    const result = htmlToAdf(html);
    expect(adfPlainText(result)).toBe('hi');
    expect(json(result)).not.toMatch(/steal|display|evil/);
  });

  it('drops event-handler attributes but keeps the element text', () => {
    const result = htmlToAdf('<p onclick="steal()" onmouseover="x()">click <b onload="y()">me</b></p>');
    expect(adfPlainText(result)).toBe('click me');
    expect(json(result)).not.toMatch(/steal|onload|onclick/);
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'jav&#x09;ascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
  ])('drops the link target %j in HTML and keeps the link text', (href) => {
    const result = htmlToAdf(`<a href="${href}">text</a>`);
    expect(result.content).toEqual([p(text('text'))]);
  });

  it('drops javascript: and data: targets in BBCode links and images', () => {
    const result = bbcodeToAdf('[URL=javascript:alert(1)]click[/URL] [IMG]data:image/svg+xml,<svg onload=x>[/IMG]');
    expect(adfPlainText(result)).toBe('click');
    expect(json(result)).not.toMatch(/javascript|data:/);
  });

  it('never writes an unsafe link from ADF into BBCode or HTML', () => {
    const unsafe = doc(p(text('x', link('javascript:alert(1)'))));
    expect(adfToBbcode(unsafe)).toBe('x');
    expect(adfToHtml(unsafe)).toBe('<p>x</p>');
  });

  it('escapes markup characters written into HTML, so text cannot become tags', () => {
    const html = adfToHtml(doc(p(text('<img src=x onerror=alert(1)> & "q"'))));
    expect(html).toBe('<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;</p>');
  });
});
