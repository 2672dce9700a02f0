import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import PageShell from '@/components/PageShell';
import { call } from '@/services';
import { account } from '@/shared/contracts/account';
import { useLoad } from '@/lib/use-load';
import { AdminGate, ScopePicker, type AdminScope } from '../../components/AdminScope';
import GrantForm from '../../components/GrantForm';
import GrantLog from '../../components/GrantLog';
import ScheduleBanner from '../../components/ScheduleBanner';
import RoleHolders from '../../components/RoleHolders';
import type { ScopeChoice } from '../../grants';
import './index.css';

/** 授权管理 inside one organisation node: granting, its role holders, and 授权记录. Remounted when the node changes. */
function ScopePanel({ orgId, studios, orgs }: { orgId: string; studios: ScopeChoice[]; orgs: ScopeChoice[] }) {
  const holders = useLoad(() => call(account.roleHolders, { orgId }));
  const [version, setVersion] = useState(0);
  const changed = () => {
    void holders.reload();
    setVersion((v) => v + 1);
  };
  return (
    <>
      <Text className="lx-section-title">新增授权</Text>
      <GrantForm studios={studios} orgs={orgs} onGranted={changed} />

      <Text className="lx-section-title">党代表与管理员</Text>
      <View className="lx-card">
        {holders.state.status === 'loading' ? <Text className="lx-muted">正在加载…</Text> : null}
        {holders.state.status === 'error' ? (
          <View className="lx-error">
            <Text className="lx-error__message">{holders.state.message}</Text>
            <Button size="large" block onClick={() => void holders.reload()}>
              重试
            </Button>
          </View>
        ) : null}
        {holders.state.status === 'ready' ? <RoleHolders holders={holders.state.data.holders} onChanged={changed} /> : null}
      </View>

      <Text className="lx-section-title">授权记录</Text>
      <GrantLog orgId={orgId} version={version} />
    </>
  );
}

/** The admin's part: pick a node within their scope, then manage roles there. */
function RoleAdmin({ scope: { me, orgs, studios } }: { scope: AdminScope }) {
  const [orgId, setOrgId] = useState(() => orgs[0]?.id ?? '');

  return (
    <>
      <View className="lx-card staff-head">
        <Text className="staff-head__title">授权管理</Text>
        <Text className="lx-muted">
          {me.name || '管理员'} · 管理范围：{me.adminScopes.map((scope) => scope.name).join('、')}
        </Text>
      </View>
      <ScopePicker choices={orgs} value={orgId} onChange={setOrgId} />
      {orgId ? <ScopePanel key={orgId} orgId={orgId} studios={studios} orgs={orgs} /> : null}
    </>
  );
}

const open = (url: string) => () => void Taro.navigateTo({ url });

/** 意见办理: the admin's case pages (批办, 督办, 统计, 台账) and paper intake. */
function CaseLinks() {
  return (
    <>
      <ScheduleBanner link />
      <Text className="lx-section-title">党员</Text>
      <Cell.Group>
        <Cell title="党员名册" description="各支部党员与绑定情况，导入、导出、邀请码" clickable onClick={open('/packages/staff/pages/roster/index')} />
        <Cell title="通知公告" description="给支部发会议通知、主题党日，看送达进度" clickable onClick={open('/packages/staff/pages/notices/index')} />
        <Cell title="学习内容" description="写学习文章发给支部，定时发布，看各支部已读比例" clickable onClick={open('/packages/staff/pages/study/index')} />
        <Cell title="政治生日" description="今天和本月过政治生日的党员，寄语是否送达，社区寄语" clickable onClick={open('/packages/staff/pages/birthdays/index')} />
        <Cell title="廉政提醒" description="节日前自动提醒党员廉洁过节；也可安排临时提醒" clickable onClick={open('/packages/staff/pages/reminders/index')} />
        <Cell title="节假日安排" description="每年的放假和调休，限时办结和节日提醒都按它计算" clickable isLast onClick={open('/packages/staff/pages/holidays/index')} />
      </Cell.Group>
      <Text className="lx-section-title">意见办理</Text>
      <Cell.Group>
        <Cell title="意见批办" description="按状态查看辖区意见，批办给党代表" clickable onClick={open('/packages/staff/pages/cases/index')} />
        <Cell title="督办" description="超过期限仍未答复的意见" clickable onClick={open('/packages/staff/pages/supervise/index')} />
        <Cell title="待审核意见" description="微信内容检查拿不准的意见：放行或不予通过" clickable onClick={open('/packages/staff/pages/held/index')} />
        <Cell title="办理统计" description="收集、批办、答复、满意率" clickable onClick={open('/packages/staff/pages/figures/index')} />
        <Cell title="台账导出" description="导出 Excel 台账" clickable onClick={open('/packages/staff/pages/ledger/index')} />
        <Cell title="录入纸质意见表" description="流动服务点收到的纸质表，录入后居民可凭回执编号认领" clickable isLast onClick={open('/pages/opinion-form/index?paper=1')} />
      </Cell.Group>
    </>
  );
}

/** 管理工作台 (subpackage: residents never download it). Only admins get past the door. */
export default function StaffHomePage() {
  return (
    <PageShell>
      <AdminGate>
        {(scope) => (
          <>
            <CaseLinks />
            <RoleAdmin scope={scope} />
          </>
        )}
      </AdminGate>
    </PageShell>
  );
}
