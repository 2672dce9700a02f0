import { navigationFor } from '@/lib/links';
import { casePage } from '@/shared/contracts/case';
import { OPINION_FORM_PAGE } from '@/shared/contracts/studio';
import { appConfigFor, type AppConfig } from '../support/app-config';

const subpackagePages = (config: AppConfig, root: string) => (config.subPackages.find((sub) => sub.root === root)?.pages ?? []).map((page) => `${root}/${page}`);

describe('where the 意见征询 pages live', () => {
  it('the case page that notifications link to, the studio page and the form a QR code opens are in the main package', async () => {
    const { pages } = await appConfigFor('weapp');
    expect(pages).toEqual(expect.arrayContaining(['pages/case/index', 'pages/studio/index', OPINION_FORM_PAGE]));
    expect(navigationFor(casePage('abc'))).toEqual({ method: 'navigateTo', url: '/pages/case/index?id=abc' });
  });

  it('the staff pages (批办, 督办, 统计, 台账) and the deputies’ workbench are subpackages residents never download', async () => {
    const config = await appConfigFor('weapp');
    expect(subpackagePages(config, 'packages/staff')).toEqual(
      expect.arrayContaining(['packages/staff/pages/cases/index', 'packages/staff/pages/supervise/index', 'packages/staff/pages/figures/index', 'packages/staff/pages/ledger/index']),
    );
    expect(subpackagePages(config, 'packages/deputy')).toContain('packages/deputy/pages/index/index');
    expect(config.pages.some((page) => page.startsWith('packages/'))).toBe(false);
  });
});
