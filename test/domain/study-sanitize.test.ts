/**
 * The article body's allow-list: what staff paste (Word pages, public-account articles, or worse) reaches members only
 * as headings, paragraphs, lists, emphasis, links and images — never a script, an event handler, a javascript: link, a
 * foreign iframe, an svg with onload or a style trick — and the same string renders on weapp (RichText) and H5.
 */
import { imageFileIds, plainText, safeHref, sanitizeBody, withImageUrls } from '../../cloud/src/domain/study/sanitize';

const LIST = 'padding-left:2em;margin:8px 0';

describe('what is removed', () => {
  test('a script is removed with its content, however it is written', () => {
    expect(sanitizeBody('<p>学习</p><script>alert(1)</script>')).toBe('<p>学习</p>');
    expect(sanitizeBody('<p>a</p><SCRIPT type="text/javascript">var s = "<script>";</SCRIPT><p>b</p>')).toBe('<p>a</p><p>b</p>');
    expect(sanitizeBody('<p>a<script>steal()')).toBe('<p>a</p>');
  });

  test('event handlers are dropped: an image with onerror keeps only its safe source', () => {
    expect(sanitizeBody('<img src="https://example.com/a.png" onerror="alert(1)">')).toBe(
      '<img src="https://example.com/a.png" style="max-width:100%;height:auto;display:block;margin:8px 0">',
    );
    expect(sanitizeBody('<p onclick="x()" onmouseover=y()>读</p>')).toBe('<p>读</p>');
    // An image whose source is not a URL (the classic <img src=x onerror=…>) is dropped altogether.
    expect(sanitizeBody('<img src=x onerror=alert(1)>')).toBe('');
  });

  test('javascript:, data: and vbscript: links lose their target, also when disguised with entities or spaces', () => {
    for (const href of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'jav&#x61;script:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>1</script>', 'vbscript:x', '&#106;avascript:x']) {
      const out = sanitizeBody(`<a href="${href}">点我</a>`);
      expect(out).toBe('<a>点我</a>');
      expect(out.toLowerCase()).not.toContain('script:');
    }
    expect(safeHref('https://www.12371.cn/')).toBe('https://www.12371.cn/');
  });

  test('iframes are removed, foreign or not, with whatever they hold', () => {
    expect(sanitizeBody('<p>视频</p><iframe src="https://evil.example/"></iframe><iframe src="https://v.qq.com/x"><p>x</p></iframe>')).toBe('<p>视频</p>');
  });

  test('an svg with onload (and its content) is removed', () => {
    expect(sanitizeBody('<svg onload="alert(1)"><circle r="1"/><script>1</script></svg><p>ok</p>')).toBe('<p>ok</p>');
    expect(sanitizeBody('<svg/onload=alert(1)><p>ok</p>')).toBe('<p>ok</p>');
  });

  test('style tricks are removed: style attributes, style elements, classes and ids', () => {
    const out = sanitizeBody('<style>p{display:none}</style><p style="position:fixed;top:0;background:url(javascript:1)" class="x" id="login">正文</p>');
    expect(out).toBe('<p>正文</p>');
  });

  test('forms, objects, embeds, comments and unknown tags go; the text of unknown tags stays', () => {
    expect(sanitizeBody('<form action="https://x"><input name="pwd"><button>登录</button></form><object data="x"></object><embed src="x"><!-- 备注 --><font color="red">红字</font>')).toBe('红字');
  });

  test('text cannot break out: angle brackets and quotes come out escaped', () => {
    expect(sanitizeBody('<p>1 &lt; 2 &amp;&amp; "引号" <b>粗</b></p>')).toBe('<p>1 &lt; 2 &amp;&amp; "引号" <b>粗</b></p>');
    expect(sanitizeBody('<a href="https://x.cn/?a=1&b=&quot;2">链接</a>')).toBe('<a href="https://x.cn/?a=1&amp;b=&quot;2">链接</a>');
  });
});

describe('what is kept', () => {
  test('headings, paragraphs, lists, emphasis, quotes, line breaks and links stay as written', () => {
    const html = '<h2>标题</h2><p>第一段<br>第二行</p><ul><li>一</li><li><strong>二</strong></li></ul><ol start="3"><li>三</li></ol><blockquote><em>引文</em></blockquote><p><a href="https://www.12371.cn/" title="共产党员网">共产党员网</a></p>';
    // Lists get our own indent so their numbers stay inside the text column; nothing else is added.
    expect(sanitizeBody(html)).toBe(html.replace('<ul>', `<ul style="${LIST}">`).replace('<ol start="3">', `<ol start="3" style="${LIST}">`));
  });

  test('unclosed tags are closed and stray closing tags ignored, so the body is always well-formed', () => {
    expect(sanitizeBody('<p>一<strong>二</p>三</div>')).toBe('<p>一<strong>二</strong></p>三');
    expect(sanitizeBody('<ul><li>一<li>二')).toBe(`<ul style="${LIST}"><li>一<li>二</li></li></ul>`);
  });

  test('plain text typed in a textarea becomes paragraphs, one per blank-line block', () => {
    expect(sanitizeBody('第一段\n第二行\n\n第二段 <不是标签')).toBe('<p>第一段<br>第二行</p><p>第二段 &lt;不是标签</p>');
  });

  test('images from cloud storage keep their file id, turned into a short-lived URL when read', () => {
    const body = sanitizeBody('<p><img src="cloud://env.bucket/study/a.png" alt="合影"></p>');
    expect(imageFileIds(body)).toEqual(['cloud://env.bucket/study/a.png']);
    expect(withImageUrls(body, new Map([['cloud://env.bucket/study/a.png', 'https://tmp.example/a.png?sign=1']]))).toContain('src="https://tmp.example/a.png?sign=1"');
  });

  test('the readable text (for 朗读) has no markup', () => {
    expect(plainText(sanitizeBody('<h2>标题</h2><p>一&amp;二</p><ul><li>三</li></ul>'))).toBe('标题\n一&二\n三');
  });
});
