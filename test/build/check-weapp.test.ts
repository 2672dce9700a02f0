/**
 * check:weapp (scripts/check-weapp.ts) catches what only WeChat would otherwise show: each test breaks a temporary
 * copy of the real weapp build (dist/, built by `npm run build:weapp` before the tests) in one way and expects the
 * checker to name the file — and the line, where WeChat's compilers give one.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloudEnvFor, LOCAL_CLOUD_ENV } from '../../config/cloud-env';
import { privateConfigWith } from '../../scripts/devtools-config';
import { auditOutput, browserGlobals, privateApisCalled } from '../../scripts/check-weapp/audit';
import { compileStyles, compileTemplates } from '../../scripts/check-weapp/compile';
import { formatProblem } from '../../scripts/check-weapp/problem';
import { judge, renderPages, sameTarget } from '../../scripts/check-weapp/render';
import type { RenderOutcome } from '../../scripts/check-weapp/render-page';
import { createStandIn } from '../../scripts/check-weapp/stand-in';

const DIST = join(__dirname, '..', '..', 'dist');

let dir: string;
beforeAll(() => {
  if (!existsSync(join(DIST, 'app.json'))) {
    throw new Error(`No weapp build at ${DIST}: run \`npm run build:weapp\` before the tests (请先运行 npm run build:weapp).`);
  }
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lianxin-weapp-'));
  cpSync(DIST, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const edit = (file: string, change: (text: string) => string) => writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
const messages = (problems: Parameters<typeof formatProblem>[0][]) => problems.map(formatProblem);

describe('WeChat’s compilers over the build', () => {
  it('compile the real build without a complaint', () => {
    expect(compileTemplates(dir)).toEqual([]);
    expect(compileStyles(dir)).toEqual([]);
  });

  it('an unclosed tag in a page template fails with the template’s file and line', () => {
    edit('pages/home/index.wxml', (text) => `${text}\n<view class="broken">\n<text>没有闭合</text>\n`);
    const [problem, ...rest] = compileTemplates(dir);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ check: 'compile', file: 'pages/home/index.wxml', line: expect.any(Number) });
    expect(problem.line).toBeGreaterThan(1);
    expect(formatProblem(problem)).toMatch(/^\[compile\] pages\/home\/index\.wxml:\d+:\d+: .*view/);
  });

  it('a broken rule in a stylesheet fails with the stylesheet’s file and line', () => {
    edit('pages/me/index.wxss', (text) => `${text}\n.lx-broken { color: red;\n.lx-next { color: blue }\n`);
    const [problem, ...rest] = compileStyles(dir);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ check: 'compile', file: 'pages/me/index.wxss', line: expect.any(Number) });
    expect(problem.line).toBeGreaterThan(1);
  });
});

describe('the output audit', () => {
  it('finds nothing wrong with the real build', () => {
    expect(messages(auditOutput(dir))).toEqual([]);
  });

  it('a page whose template is empty — a blank page in WeChat — fails, naming the page', () => {
    writeFileSync(join(dir, 'packages/staff/pages/index/index.wxml'), '');
    expect(messages(auditOutput(dir))).toEqual([expect.stringContaining('packages/staff/pages/index/index.wxml:1: page packages/staff/pages/index/index has an empty template')]);
  });

  it('a page of app.json whose files are missing (a path that does not name its source file) fails', () => {
    edit('app.json', (text) => text.replace('"pages/index/index"', '"pages/index"'));
    expect(messages(auditOutput(dir))).toEqual(
      expect.arrayContaining([expect.stringMatching(/page packages\/staff\/pages\/index of app\.json has no \.js, \.json, \.wxml in the build/)]),
    );
  });

  it('a tab that lives in a subpackage, or a tab bar of one item, breaks WeChat’s tab bar rules', () => {
    edit('app.json', (text) => {
      const app = JSON.parse(text) as { tabBar: { list: Array<{ pagePath: string; text: string }> } };
      app.tabBar.list = [{ pagePath: 'packages/staff/pages/index/index', text: '工作台' }];
      return JSON.stringify(app);
    });
    expect(messages(auditOutput(dir))).toEqual(
      expect.arrayContaining([
        '[audit] app.json: tabBar: has 1 items; WeChat wants 2 to 5',
        '[audit] app.json: tabBar: packages/staff/pages/index/index is not a page of the main package (tab pages cannot live in a subpackage)',
      ]),
    );
  });

  it('requiredPrivateInfos must match the private APIs the code calls, both ways', () => {
    edit('app.json', (text) => text.replace('"requiredPrivateInfos":["getLocation"]', '"requiredPrivateInfos":["chooseAddress"]'));
    const found = messages(auditOutput(dir));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/calls getLocation, which app\.json's requiredPrivateInfos does not declare/),
        expect.stringMatching(/requiredPrivateInfos declares chooseAddress, which no code calls/),
      ]),
    );
    expect(privateApisCalled('r().getLocation({type:"gcj02"})')).toEqual(['getLocation']);
    expect(privateApisCalled('["getLocation","chooseAddress"]')).toEqual([]);
  });

  it('a browser-only global in the bundle fails with file, line and column; a typeof probe does not', () => {
    writeFileSync(join(dir, 'pages/home/extra.js'), 'var ok = typeof window === "object";\nfunction f(fetch) { return fetch(1); }\nlocalStorage.setItem("a", 1);\n');
    expect(messages(browserGlobals(dir, ['pages/home/extra.js']))).toEqual([
      '[audit] pages/home/extra.js:3:1: uses the browser-only global localStorage, which the mini-program does not have',
    ]);
  });

  it('a designWidth that needs a compiler helper app.js lacks (the _type_of ReferenceError) fails', () => {
    edit('app.js', (text) => text.replace(/designWidth:function\(e\)\{/, 'designWidth:function(e){if(_type_of(e)==="object")return 375;'));
    expect(messages(auditOutput(dir))).toEqual([expect.stringContaining('designWidth (copied from config/index.ts for Taro.pxTransform) throws in the mini-program: _type_of is not defined')]);
  });
});

describe('the page render', () => {
  it('a 0-byte page template renders blank and fails', async () => {
    writeFileSync(join(dir, 'packages/deputy/pages/index/index.wxml'), '');
    const { problems, outcomes } = await renderPages(dir, { only: ['packages/deputy/pages/index/index'] });
    expect(outcomes.map((outcome) => outcome.text)).toEqual(['']);
    expect(messages(problems)).toEqual(expect.arrayContaining(['[render] packages/deputy/pages/index/index.wxml: renders blank (no text at all)']));
  }, 60_000);

  it('the staff workbench renders its real text, and tapping 意见批办 opens the case list', async () => {
    const { problems, outcomes } = await renderPages(dir, { only: ['packages/staff/pages/index/index'] });
    expect(messages(problems)).toEqual([]);
    expect(outcomes[0].text).toContain('意见批办');
    expect(outcomes[0].tap?.navigations).toEqual([{ method: 'navigateTo', url: '/packages/staff/pages/cases/index' }]);
  }, 60_000);

  const outcome = (over: Partial<RenderOutcome>): RenderOutcome => ({
    page: 'packages/staff/pages/held/index',
    text: '待审核的文字',
    errorCards: [],
    calls: [],
    missing: [],
    refused: [],
    warnings: [],
    crashes: [],
    ms: 1,
    ...over,
  });

  it('a page calling an action without a canned reply fails, saying which action and where to add it', () => {
    expect(messages(judge(outcome({ calls: ['case.heldList'], missing: ['case.heldList'] }), undefined))).toEqual([
      "[render] packages/staff/pages/held/index.wxml: calls case.heldList, which has no canned reply: add one to REPLIES in scripts/check-weapp/replies.ts (typed as that action's answer)",
    ]);
  });

  it('a template WeChat cannot find, a missing text and a tap that goes nowhere each fail', () => {
    const found = messages(
      judge(outcome({ warnings: ['WXMLRT_$gwx:./base.wxml:template:1:2: Template `tmpl_0_99` not found.'], tap: { text: '审核', found: true, navigations: [], refusedNavigations: [] } }), {
        shows: ['已暂缓'],
        tap: { text: '审核', opens: '/pages/case/index' },
      }),
    );
    expect(found).toEqual([
      expect.stringContaining('template not found (WeChat draws nothing there)'),
      expect.stringContaining('does not show “已暂缓”'),
      expect.stringContaining('tapping “审核” should open /pages/case/index; it navigated nowhere'),
    ]);
    expect(sameTarget('/pages/case/index?id=c1&x=1', '/pages/case/index?id=c1')).toBe(true);
    expect(sameTarget('/pages/case/index?id=c2', '/pages/case/index?id=c1')).toBe(false);
  });
});

describe('the wx stand-in', () => {
  const { wx, record } = createStandIn({ pages: ['pages/home/index', 'pages/case/index'], tabPages: ['pages/home/index'] });
  const call = (api: string, options: object) => (wx[api] as (o: object) => Promise<unknown>)(options);
  const cloud = wx.cloud as { callFunction(o: object): Promise<{ result: unknown }> };

  it('refuses navigations WeChat refuses: navigateTo a tab page, switchTab to another page, an unknown page', async () => {
    await expect(call('navigateTo', { url: '/pages/home/index' })).rejects.toEqual({ errMsg: 'navigateTo:fail can not navigateTo a tabbar page' });
    await expect(call('switchTab', { url: '/pages/case/index' })).rejects.toMatchObject({ errMsg: expect.stringContaining('no-tabBar page') });
    await expect(call('navigateTo', { url: '/pages/nowhere/index' })).rejects.toMatchObject({ errMsg: expect.stringContaining('is not found') });
    await call('navigateTo', { url: '/pages/case/index?id=c1' });
    expect(record.navigations).toEqual([{ method: 'navigateTo', url: '/pages/case/index?id=c1' }]);
  });

  it('answers a cloud call from the canned replies after checking the payload against the contract', async () => {
    await expect(cloud.callFunction({ name: 'account', data: { action: 'me', payload: {} } })).resolves.toMatchObject({ result: { ok: true, data: { roles: expect.arrayContaining(['admin', 'deputy']) } } });
    await cloud.callFunction({ name: 'case', data: { action: 'get', payload: {} } });
    expect(record.refused).toEqual([expect.stringContaining('case.get: the contract refuses the payload')]);
  });
});

describe('the cloud environment a weapp build talks to', () => {
  it('a release build refuses to build without a real LIANXIN_CLOUD_ENV', () => {
    expect(() => cloudEnvFor({ target: 'weapp', mode: 'release', value: undefined })).toThrow(/LIANXIN_CLOUD_ENV/);
    expect(() => cloudEnvFor({ target: 'weapp', mode: 'release', value: LOCAL_CLOUD_ENV })).toThrow(/LIANXIN_CLOUD_ENV/);
    expect(cloudEnvFor({ target: 'weapp', mode: 'release', value: 'lianxin-prod-8g2x' })).toEqual({ env: 'lianxin-prod-8g2x', notice: null });
  });

  it('the checked build (npm test) and dev builds keep the local id, and say so', () => {
    const checked = cloudEnvFor({ target: 'weapp', mode: 'production', value: undefined });
    expect(checked.env).toBe(LOCAL_CLOUD_ENV);
    expect(checked.notice).toMatch(/不能上传发布/);
    expect(cloudEnvFor({ target: 'h5', mode: 'production', value: undefined })).toEqual({ env: LOCAL_CLOUD_ENV, notice: null });
  });
});

describe('opening the repository in WeChat DevTools', () => {
  it('devtools:config puts a real AppID into the private config, keeping what DevTools wrote there', () => {
    expect(privateConfigWith('wx0123456789abcdef', { setting: { urlCheck: false } })).toEqual({ setting: { urlCheck: false }, appid: 'wx0123456789abcdef' });
    expect(() => privateConfigWith('touristappid')).toThrow(/LIANXIN_APPID/);
  });

  it('the shared project config opens dist/ as the mini-program and cloudfunctions/ as the functions', () => {
    const config = JSON.parse(readFileSync(join(__dirname, '..', '..', 'project.config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ miniprogramRoot: 'dist/', cloudfunctionRoot: 'cloudfunctions/', compileType: 'miniprogram' });
  });
});
