/**
 * The article body's allow-list, run on the server before anything is stored: staff paste text from Word pages and
 * public accounts, and the body is shown as HTML (RichText on weapp, innerHTML on H5) to every member.
 *
 * A small tokenizer instead of a dependency: the output is re-serialized from the parsed tree, so it is always
 * well-formed and only ever carries the tags and attributes below — whatever the input looked like. Kept: headings,
 * paragraphs, line breaks, lists, emphasis, quotes, links (http/https/mailto/tel) and images (https or a cloud file id).
 * Dropped with their content: script, style, iframe, svg, object and the like. Other tags are unwrapped (their text
 * stays). Every attribute not listed (on* handlers, style, class, id, srcset…) is dropped.
 */

const ALLOWED = new Set([
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'u', 'blockquote',
  'a', 'img', 'span', 'div', 'section', 'sub', 'sup', 'code', 'pre',
]);

/** Removed together with everything inside them. */
const DROPPED = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'template', 'noscript',
  'textarea', 'select', 'option', 'title', 'head', 'xmp', 'noembed', 'noframes', 'plaintext', 'canvas', 'audio', 'video',
  'form', 'button', 'input', 'link', 'meta', 'base',
]);

/** Their content is raw text in a browser: a "<script>" inside a script does not nest. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'xmp', 'title', 'noembed', 'noframes', 'iframe', 'noscript', 'plaintext']);

const VOID = new Set(['br', 'hr', 'img', 'input', 'link', 'meta', 'base', 'embed', 'wbr', 'col', 'area', 'source', 'track', 'param']);

/** Attributes kept per tag; nothing else survives. */
const ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'width', 'height'],
  ol: ['start'],
};

// Images fit the screen on both platforms; set by us, never taken from the input.
const IMAGE_STYLE = 'max-width:100%;height:auto;display:block;margin:8px 0';
// Lists keep their numbers inside the text column (both platforms reset list padding).
const LIST_STYLE = 'padding-left:2em;margin:8px 0';

/** The most text a body may hold after cleaning (a long 文件 is an attachment, not a body). */
export const BODY_MAX = 60_000;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', colon: ':', tab: '\t', newline: '\n' };

/** Decodes character references, so `jav&#x61;script:` is judged as what a browser would read. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

const escapeText = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (value: string): string => escapeText(value).replace(/"/g, '&quot;');

/** Drops what browsers ignore inside a URL scheme: control characters and whitespace. */
function compact(value: string): string {
  return Array.from(value)
    .filter((char) => {
      const code = char.charCodeAt(0);
      return code > 0x20 && !(code >= 0x7f && code <= 0x9f);
    })
    .join('');
}

/** A link's target when it is one members may follow; null for javascript:, data:, vbscript: and anything unknown. */
export function safeHref(raw: string): string | null {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"): so do we, before judging it.
  const value = compact(decodeEntities(raw));
  if (/^(https?:\/\/|mailto:|tel:)/i.test(value)) return value;
  return null;
}

/** An image source: https (or http) URLs and cloud file ids; never data:, javascript: or relative paths. */
export function safeImageSrc(raw: string): string | null {
  const value = compact(decodeEntities(raw));
  return /^(https?:\/\/|cloud:\/\/)/i.test(value) ? value : null;
}

interface Tag {
  kind: 'open' | 'close';
  name: string;
  attrs: Array<[string, string]>;
  selfClosing: boolean;
}

type Token = { kind: 'text'; text: string } | Tag;

/** Splits HTML into text and tags; comments, doctypes and processing instructions vanish. */
function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    if (lt < 0) {
      tokens.push({ kind: 'text', text: html.slice(at) });
      break;
    }
    if (lt > at) tokens.push({ kind: 'text', text: html.slice(at, lt) });
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      at = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt);
      at = end < 0 ? html.length : end + 1;
      continue;
    }
    const match = /^<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/.exec(html.slice(lt, lt + 64));
    if (!match) {
      // A lone "<" (as in "1 < 2") is text.
      tokens.push({ kind: 'text', text: '<' });
      at = lt + 1;
      continue;
    }
    const { attrs, end, selfClosing } = readAttributes(html, lt + match[0].length);
    tokens.push({ kind: match[1] ? 'close' : 'open', name: match[2].toLowerCase(), attrs, selfClosing });
    at = end;
  }
  return tokens;
}

/** Reads attributes up to the tag's closing ">" (quoted values may hold ">"). */
function readAttributes(html: string, start: number): { attrs: Array<[string, string]>; end: number; selfClosing: boolean } {
  const attrs: Array<[string, string]> = [];
  const pattern = /\s*(?:([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?|(\/))/y;
  let at = start;
  let selfClosing = false;
  while (at < html.length) {
    if (html[at] === '>') return { attrs, end: at + 1, selfClosing };
    pattern.lastIndex = at;
    const match = pattern.exec(html);
    if (!match || pattern.lastIndex === at) {
      at += 1;
      continue;
    }
    at = pattern.lastIndex;
    if (match[5]) {
      selfClosing = true;
      continue;
    }
    if (match[1]) attrs.push([match[1].toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '']);
  }
  return { attrs, end: html.length, selfClosing };
}

/** The kept attributes of an allowed tag, already checked and escaped. */
function keptAttributes(name: string, attrs: Array<[string, string]>): string {
  const allowed = ATTRIBUTES[name] ?? [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const [key, raw] of attrs) {
    if (!allowed.includes(key) || seen.has(key)) continue;
    seen.add(key);
    let value: string | null = decodeEntities(raw);
    if (key === 'href') value = safeHref(raw);
    else if (key === 'src') value = safeImageSrc(raw);
    else if (key === 'width' || key === 'height' || key === 'start') value = /^\d{1,4}$/.test(value.trim()) ? value.trim() : null;
    if (value === null) continue;
    out.push(` ${key}="${escapeAttr(value)}"`);
  }
  if (name === 'img') out.push(` style="${IMAGE_STYLE}"`);
  if (name === 'ol' || name === 'ul') out.push(` style="${LIST_STYLE}"`);
  return out.join('');
}

/**
 * Cleans staff-written HTML to the allow-list. Plain text (no tags at all) becomes paragraphs, one per blank-line
 * separated block, so a body typed in a textarea reads as written.
 */
export function sanitizeBody(input: string): string {
  const source = input.replace(/\r\n?/g, '\n');
  if (!/<[a-zA-Z!/?]/.test(source)) return plainParagraphs(source);
  const out: string[] = [];
  const open: string[] = [];
  let dropping: string | null = null;
  let dropDepth = 0;
  for (const token of tokenize(source)) {
    if (dropping) {
      // Inside a dropped element: only its own nesting matters, everything else is thrown away.
      if (token.kind === 'open' && token.name === dropping && !token.selfClosing && !RAW_TEXT.has(dropping)) dropDepth += 1;
      if (token.kind === 'close' && token.name === dropping) {
        dropDepth -= 1;
        if (dropDepth === 0) dropping = null;
      }
      continue;
    }
    if (token.kind === 'text') {
      out.push(escapeText(decodeEntities(token.text)));
      continue;
    }
    if (DROPPED.has(token.name)) {
      if (token.kind === 'open' && !token.selfClosing && !VOID.has(token.name)) {
        dropping = token.name;
        dropDepth = 1;
      }
      continue;
    }
    if (!ALLOWED.has(token.name)) continue;
    if (token.kind === 'open') {
      out.push(`<${token.name}${keptAttributes(token.name, token.attrs)}>`);
      if (token.name === 'img' && !/ src="/.test(out[out.length - 1])) out.pop();
      if (!VOID.has(token.name)) open.push(token.name);
      continue;
    }
    // A closing tag closes its element and whatever was left open inside it; a stray one is ignored.
    const index = open.lastIndexOf(token.name);
    if (index < 0) continue;
    while (open.length > index) out.push(`</${open.pop()}>`);
  }
  while (open.length > 0) out.push(`</${open.pop()}>`);
  return out.join('').trim();
}

function plainParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${block.split('\n').map((line) => escapeText(line.trim())).join('<br>')}</p>`)
    .join('');
}

/** The body's readable text (for 朗读, search snippets and the length check): tags out, entities decoded. */
export function plainText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(br|\/p|\/h\d|\/li|\/div|\/blockquote)\b[^>]*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** Cloud file ids of the body's images (to be turned into short-lived URLs when it is read). */
export function imageFileIds(html: string): string[] {
  const ids = new Set<string>();
  for (const match of html.matchAll(/<img [^>]*src="(cloud:\/\/[^"]+)"/g)) ids.add(match[1].replace(/&amp;/g, '&'));
  return [...ids];
}

/** Replaces cloud file ids in image sources by the URLs given (ids without one keep their id). */
export function withImageUrls(html: string, urls: ReadonlyMap<string, string>): string {
  return html.replace(/(<img [^>]*src=")(cloud:\/\/[^"]+)(")/g, (whole, head: string, id: string, tail: string) => {
    const url = urls.get(id.replace(/&amp;/g, '&'));
    return url ? `${head}${escapeAttr(url)}${tail}` : whole;
  });
}
