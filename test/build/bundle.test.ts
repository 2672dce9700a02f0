import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsFiles, scanBundle } from '../../scripts/check-bundle';

const WEAPP_BUILD = join(__dirname, '..', '..', 'dist');

/** The lead runs the build before the tests; without it this suite must fail, not pass vacuously. */
function weappBuild(): string {
  if (!existsSync(join(WEAPP_BUILD, 'app.json'))) {
    throw new Error(`No weapp build at ${WEAPP_BUILD}: run \`npm run build:weapp\` before the tests (请先运行 npm run build:weapp).`);
  }
  return WEAPP_BUILD;
}

describe('the weapp build', () => {
  it('contains no `new Function` and no `eval(`, which the mini-program runtime forbids', () => {
    const dir = weappBuild();
    expect(jsFiles(dir)).toEqual(expect.arrayContaining(['app.js', 'taro.js', 'vendors.js']));
    expect(scanBundle(dir)).toEqual([]);
  });
});

describe('the bundle scan', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lianxin-bundle-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds `new Function` and `eval(` in nested JavaScript files, naming file and construct', () => {
    mkdirSync(join(dir, 'pages', 'home'), { recursive: true });
    writeFileSync(join(dir, 'vendors.js'), 'var g = this || new Function("return this")();');
    writeFileSync(join(dir, 'pages', 'home', 'index.js'), 'window.eval ("1+1");');
    const findings = scanBundle(dir).map(({ file, construct }) => ({ file, construct }));
    expect(findings).toEqual(
      expect.arrayContaining([
        { file: 'vendors.js', construct: 'new Function' },
        { file: 'pages/home/index.js', construct: 'eval(' },
      ]),
    );
    expect(findings).toHaveLength(2);
  });

  it('ignores longer names that end in eval and non-JavaScript files', () => {
    writeFileSync(join(dir, 'app.js'), 'function medieval(x) { return retrieval(x); } var FunctionNew = 1;');
    writeFileSync(join(dir, 'notes.txt'), 'eval("x"); new Function()');
    expect(scanBundle(dir)).toEqual([]);
  });

  it('refuses to scan a folder that does not exist, saying to build first', () => {
    expect(() => scanBundle(join(dir, 'dist'))).toThrow(/build first/);
  });
});
