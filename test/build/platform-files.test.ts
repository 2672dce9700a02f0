/**
 * Per-platform twins: Taro builds `<name>.weapp.ts` instead of `<name>.ts` for the mini-program (so browser-only code
 * such as fetch never ships there), while tsc, jest and the h5 build read `<name>.ts`. A twin must export exactly the
 * same names, or the weapp build breaks where the h5 build and every test pass.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', 'src');

function weappTwins(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return weappTwins(path);
    return /\.weapp\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('weapp twins of browser modules', () => {
  const twins = weappTwins(SRC);

  it('exist for the gateway and the HTTP channel, the two modules that call fetch', () => {
    expect(twins.map((path) => relative(SRC, path)).sort()).toEqual(expect.arrayContaining(['lib/gateway.weapp.ts', 'services/channel-http.weapp.ts']));
  });

  it.each(twins.map((path) => [relative(SRC, path), path]))('%s exports the same names as the module it stands in for', async (_name, twin) => {
    const original = twin.replace(/\.weapp\.(tsx?)$/, '.$1');
    expect(existsSync(original)).toBe(true);
    const [a, b] = await Promise.all([import(original), import(twin)]);
    expect(Object.keys(b as object).sort()).toEqual(Object.keys(a as object).sort());
  });

  it('refuse, rather than reach for a gateway the mini-program does not have', async () => {
    const { gatewayRequest } = await import('@/lib/gateway.weapp');
    await expect(gatewayRequest('POST', '/api/_wx/subscribe', {})).rejects.toMatchObject({ code: 'GATEWAY.NOT_IN_WEAPP' });
    const { httpChannel } = await import('@/services/channel-http.weapp');
    await expect(httpChannel('')('case', { action: 'get', payload: {} })).rejects.toThrow('小程序');
  });
});
