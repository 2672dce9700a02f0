/**
 * Reads a weapp build the way WeChat's loader and review would, without running it: every page of app.json has its
 * four files and a template that draws something; the tab bar and subpackages follow WeChat's rules; the private APIs
 * the code calls are exactly the ones requiredPrivateInfos declares; no code reaches for a browser-only global the
 * mini-program does not have; and the designWidth function Taro copies into app.js runs there.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { Linter, type Rule } from 'eslint';
import { filesBelow } from './compile';
import type { Problem } from './problem';
import { appPages } from './render-page';

interface AppJson {
  pages?: string[];
  subPackages?: Array<{ root: string; pages: string[]; independent?: boolean }>;
  subpackages?: Array<{ root: string; pages: string[]; independent?: boolean }>;
  tabBar?: {
    color?: string;
    selectedColor?: string;
    backgroundColor?: string;
    borderStyle?: string;
    position?: string;
    custom?: boolean;
    list?: Array<{ pagePath: string; text?: string; iconPath?: string; selectedIconPath?: string }>;
  };
  requiredPrivateInfos?: string[];
  permission?: Record<string, { desc?: string }>;
}

/** WeChat's private location APIs, which must be declared in requiredPrivateInfos when (and only when) they are called. */
export const PRIVATE_APIS = ['getFuzzyLocation', 'getLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground', 'chooseLocation', 'choosePoi', 'chooseAddress'];
/** Taro's API table names every wx API once; it is not a call. */
const API_TABLE_FILES = new Set(['taro.js']);

/** Browser globals the mini-program's JavaScript does not have (Taro provides its own window/document to its runtime). */
export const BROWSER_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'fetch', 'XMLHttpRequest', 'navigator'];

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

function auditPages(dir: string, app: AppJson): Problem[] {
  const problems: Problem[] = [];
  for (const page of appPages({ pages: app.pages ?? [], subPackages: app.subPackages ?? app.subpackages })) {
    // A page's .wxss is optional in WeChat (Taro emits one only for a page that imports styles); these three are not.
    const missing = ['.js', '.json', '.wxml'].filter((ext) => !existsSync(join(dir, page + ext)));
    if (missing.length > 0) {
      problems.push({ check: 'audit', file: `${page}.*`, message: `page ${page} of app.json has no ${missing.join(', ')} in the build: WeChat shows it blank (does its page path name the source file src/${page}.tsx?)` });
      continue;
    }
    if (read(dir, `${page}.wxml`).trim() === '') {
      problems.push({ check: 'audit', file: `${page}.wxml`, line: 1, message: `page ${page} has an empty template: WeChat shows it blank` });
    }
    try {
      const json = JSON.parse(read(dir, `${page}.json`)) as { usingComponents?: Record<string, string> };
      for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
        const base = target.startsWith('/') ? join(dir, target) : join(dir, page, '..', target);
        if (!existsSync(`${base}.json`) || !existsSync(`${base}.js`)) {
          problems.push({ check: 'audit', file: `${page}.json`, message: `usingComponents.${tag} points at ${target}, which the build does not contain` });
        }
      }
    } catch (error) {
      problems.push({ check: 'audit', file: `${page}.json`, message: `is not valid JSON: ${(error as Error).message}` });
    }
  }
  return problems;
}

function auditTabBar(dir: string, app: AppJson, subpackagePages: string[]): Problem[] {
  const tabBar = app.tabBar;
  if (!tabBar) return [];
  const problems: Problem[] = [];
  const fail = (message: string) => problems.push({ check: 'audit', file: 'app.json', message: `tabBar: ${message}` });
  const list = tabBar.list ?? [];
  if (list.length < 2 || list.length > 5) fail(`has ${list.length} items; WeChat wants 2 to 5`);
  for (const key of ['color', 'selectedColor', 'backgroundColor'] as const) {
    if (!tabBar.custom && !/^#[0-9a-fA-F]{6}$/.test(tabBar[key] ?? '')) fail(`${key} must be a #rrggbb colour (got ${JSON.stringify(tabBar[key])})`);
  }
  if (tabBar.borderStyle !== undefined && !['black', 'white'].includes(tabBar.borderStyle) && !/^#[0-9a-fA-F]{6}$/.test(tabBar.borderStyle)) fail(`borderStyle must be black, white or a colour`);
  const seen = new Set<string>();
  for (const item of list) {
    if (seen.has(item.pagePath)) fail(`${item.pagePath} is listed twice`);
    seen.add(item.pagePath);
    if (!(app.pages ?? []).includes(item.pagePath)) {
      fail(`${item.pagePath} is not a page of the main package${subpackagePages.includes(item.pagePath) ? ' (tab pages cannot live in a subpackage)' : ''}`);
    }
    if (!item.text) fail(`${item.pagePath} has no text`);
    for (const icon of [item.iconPath, item.selectedIconPath]) {
      if (!icon) continue;
      if (tabBar.position === 'top') fail(`icons are ignored when position is top (${icon})`);
      if (/^https?:/.test(icon)) fail(`icon ${icon} must be a local file, not a URL`);
      else if (!existsSync(join(dir, icon))) fail(`icon ${icon} is not in the build`);
      else if (statSync(join(dir, icon)).size > 40 * 1024) fail(`icon ${icon} is over WeChat's 40 KB`);
    }
  }
  return problems;
}

function auditSubpackages(dir: string, app: AppJson): Problem[] {
  const problems: Problem[] = [];
  const packages = app.subPackages ?? app.subpackages ?? [];
  const roots = packages.map(({ root }) => root.replace(/^\/+|\/+$/g, ''));
  roots.forEach((root, index) => {
    const fail = (message: string) => problems.push({ check: 'audit', file: 'app.json', message: `subpackage ${root}: ${message}` });
    if (!existsSync(join(dir, root)) || !statSync(join(dir, root)).isDirectory()) fail('its root folder is not in the build');
    if (packages[index].pages.length === 0) fail('lists no pages');
    roots.forEach((other, otherIndex) => {
      if (otherIndex !== index && (other === root || other.startsWith(`${root}/`))) fail(`overlaps subpackage ${other}`);
    });
    for (const page of app.pages ?? []) if (page.startsWith(`${root}/`)) fail(`main-package page ${page} lies inside its root`);
    for (const page of packages[index].pages) if (page.startsWith(`${root}/`)) fail(`page ${page} repeats the root (pages are relative to it)`);
  });
  return problems;
}

/** The private APIs a JavaScript text calls as a method (`x.getLocation(`). */
export function privateApisCalled(code: string): string[] {
  return PRIVATE_APIS.filter((api) => new RegExp(`\\.${api}\\s*\\(`).test(code));
}

function auditPrivateInfos(dir: string, app: AppJson, js: string[]): Problem[] {
  const problems: Problem[] = [];
  const declared = app.requiredPrivateInfos ?? [];
  const calledIn = new Map<string, string>();
  for (const file of js) {
    if (API_TABLE_FILES.has(file)) continue;
    for (const api of privateApisCalled(read(dir, file))) if (!calledIn.has(api)) calledIn.set(api, file);
  }
  for (const [api, file] of calledIn) {
    if (!declared.includes(api)) problems.push({ check: 'audit', file, message: `calls ${api}, which app.json's requiredPrivateInfos does not declare: WeChat refuses the call` });
  }
  for (const api of declared) {
    if (!PRIVATE_APIS.includes(api)) problems.push({ check: 'audit', file: 'app.json', message: `requiredPrivateInfos names ${api}, which is not one of WeChat's private APIs` });
    else if (!calledIn.has(api)) problems.push({ check: 'audit', file: 'app.json', message: `requiredPrivateInfos declares ${api}, which no code calls: WeChat's review asks for only what is used` });
  }
  if (declared.includes('getLocation') && declared.includes('getFuzzyLocation')) {
    problems.push({ check: 'audit', file: 'app.json', message: 'requiredPrivateInfos may not declare both getLocation and getFuzzyLocation' });
  }
  const needsScope = ['getFuzzyLocation', 'getLocation', 'onLocationChange', 'startLocationUpdate', 'startLocationUpdateBackground'].some((api) => calledIn.has(api));
  if (needsScope && !app.permission?.['scope.userLocation']?.desc) {
    problems.push({ check: 'audit', file: 'app.json', message: "the code asks for the location but permission['scope.userLocation'].desc does not say why" });
  }
  return problems;
}

/** An ESLint rule: a reference to one of the globals that no scope declares, except as `typeof x` (a safe probe). */
const browserGlobalRule: Rule.RuleModule = {
  create(context) {
    return {
      'Program:exit'(node) {
        const scope = context.sourceCode.getScope(node);
        for (const reference of scope.through) {
          const { name, parent } = reference.identifier as typeof reference.identifier & { parent?: { type: string; operator?: string } };
          if (!BROWSER_GLOBALS.includes(name)) continue;
          if (parent?.type === 'UnaryExpression' && parent.operator === 'typeof') continue;
          context.report({ node: reference.identifier, message: `uses the browser-only global ${name}, which the mini-program does not have` });
        }
      },
    };
  },
};

/** Browser-only globals referenced by the build's JavaScript, with file, line and column. */
export function browserGlobals(dir: string, js = filesBelow(dir, ['.js'])): Problem[] {
  const linter = new Linter();
  linter.defineRule('lianxin/browser-globals', browserGlobalRule);
  return js.flatMap((file) =>
    linter
      .verify(read(dir, file), { parserOptions: { ecmaVersion: 2022, sourceType: 'script' }, rules: { 'lianxin/browser-globals': 'error' } })
      .map((message) => ({ check: 'audit' as const, file, line: message.line, column: message.column, message: message.message })),
  );
}

/**
 * Taro copies config/index.ts's designWidth into app.js as source text; it must run there, where no compiler helper
 * (_type_of, _instanceof…) exists. Evaluated alone in an empty context with what Taro.pxTransform passes it.
 */
export function auditDesignWidth(dir: string): Problem[] {
  const app = read(dir, 'app.js');
  const at = app.indexOf('designWidth:function');
  if (at < 0) return [];
  const start = app.indexOf('function', at);
  let depth = 0;
  let end = app.indexOf('{', start);
  for (; end < app.length; end += 1) {
    if (app[end] === '{') depth += 1;
    else if (app[end] === '}' && --depth === 0) break;
  }
  const source = app.slice(start, end + 1);
  try {
    const designWidth = runInNewContext(`(${source})`, {}) as (input?: unknown) => unknown;
    const answers = [designWidth(20), designWidth(undefined), designWidth({ file: 'node_modules/@nutui/nutui-react-taro/x.css' })];
    if (answers[0] !== 750 || answers[1] !== 750 || answers[2] !== 375) {
      return [{ check: 'audit', file: 'app.js', message: `designWidth answers ${answers.join(', ')} for a number, nothing and a NutUI file; expected 750, 750, 375` }];
    }
    return [];
  } catch (error) {
    return [{ check: 'audit', file: 'app.js', message: `designWidth (copied from config/index.ts for Taro.pxTransform) throws in the mini-program: ${(error as Error).message}` }];
  }
}

/** Everything the audit finds in a build folder. */
export function auditOutput(dir: string): Problem[] {
  const app = JSON.parse(read(dir, 'app.json')) as AppJson;
  const packages = app.subPackages ?? app.subpackages ?? [];
  const subpackagePages = packages.flatMap(({ root, pages }) => pages.map((page) => `${root.replace(/\/+$/, '')}/${page}`));
  const js = filesBelow(dir, ['.js']);
  return [
    ...auditPages(dir, app),
    ...auditTabBar(dir, app, subpackagePages),
    ...auditSubpackages(dir, app),
    ...auditPrivateInfos(dir, app, js),
    ...browserGlobals(dir, js),
    ...auditDesignWidth(dir),
  ];
}
