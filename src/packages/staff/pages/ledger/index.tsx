import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import PageShell from '@/components/PageShell';
import Segmented from '@/components/Segmented';
import { call } from '@/services';
import { cases } from '@/shared/contracts/case';
import { PERIOD_LABELS, periodOf, type PeriodKind } from '@/lib/case-figures';
import { errorMessage } from '@/lib/errors';
import { AdminGate, ScopePicker, type AdminScope } from '../../components/AdminScope';
import '../index/index.css';
import './index.css';

const PERIODS = (Object.keys(PERIOD_LABELS) as PeriodKind[]).map((key) => ({ key, label: PERIOD_LABELS[key] }));

interface Exported {
  url: string;
  rows: number;
  from: string;
  to: string;
}

/** weapp: download the temporary file and open it in WeChat's document viewer (which can forward or save it). */
async function openOnWeapp(url: string): Promise<void> {
  const { tempFilePath } = await Taro.downloadFile({ url });
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
}

function LedgerPanel({ scope }: { scope: AdminScope }) {
  const [orgId, setOrgId] = useState(() => scope.orgs[0]?.id ?? '');
  const [period, setPeriod] = useState<PeriodKind>('year');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [exported, setExported] = useState<Exported | null>(null);

  const run = async () => {
    if (busy) return;
    setBusy(true);
    setError('');
    setExported(null);
    try {
      const range = periodOf(period, Date.now());
      const answer = await call(cases.export, { orgId, ...range });
      setExported({ url: answer.url, rows: answer.rows, ...range });
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const open = (url: string) => () =>
    void openOnWeapp(url).catch(() => Taro.showToast({ title: '打开失败，请稍后再试', icon: 'none' }));

  return (
    <>
      <View className="lx-card staff-head">
        <Text className="staff-head__title">台账导出</Text>
        <Text className="lx-muted">导出所选范围和时段的意见及办理过程（Excel 表格）。联系方式按你的权限隐去；每次导出都会留痕。</Text>
      </View>
      <ScopePicker choices={scope.orgs} value={orgId} onChange={setOrgId} title="导出范围" />
      <Segmented options={PERIODS} value={period} onChange={setPeriod} />
      <Button type="primary" size="xlarge" block loading={busy} onClick={() => void run()}>
        导出台账
      </Button>
      {error ? (
        <View className="lx-card lx-error ledger-result">
          <Text className="lx-error__message">{error}</Text>
        </View>
      ) : null}
      {exported ? (
        <View className="lx-card ledger-result">
          <Text className="ledger-result__title">已生成台账</Text>
          <Text>
            {exported.from} 至 {exported.to}，共 {exported.rows} 件意见
          </Text>
          <Text className="lx-muted">下载链接有效期有限，过期后请重新导出。</Text>
          {process.env.TARO_ENV === 'h5' ? (
            <a className="ledger-result__link" href={exported.url} download={`台账-${exported.from}-${exported.to}.xlsx`}>
              下载台账（.xlsx）
            </a>
          ) : (
            <Button size="large" block onClick={open(exported.url)}>
              打开台账
            </Button>
          )}
        </View>
      ) : null}
    </>
  );
}

/** 台账导出 (admins): the cases of a period as an .xlsx through a temporary download link. */
export default function LedgerPage() {
  return (
    <PageShell>
      <AdminGate>{(scope) => <LedgerPanel scope={scope} />}</AdminGate>
    </PageShell>
  );
}
