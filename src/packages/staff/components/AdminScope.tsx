/** What every staff page starts from: who the admin is, and the organisation nodes and studios within their scope. */
import { Text } from '@tarojs/components';
import { Cell } from '@nutui/nutui-react-taro';
import { Setting } from '@nutui/icons-react-taro';
import { type ReactNode, useMemo, useState } from 'react';
import LoadState from '@/components/LoadState';
import Placeholder from '@/components/Placeholder';
import { call } from '@/services';
import { account, type MeView } from '@/shared/contracts/account';
import { useLoad } from '@/lib/use-load';
import OptionSheet from './OptionSheet';
import { orgChoices, studioChoices, type ScopeChoice } from '../grants';

export interface AdminScope {
  me: MeView;
  /** Nodes the admin manages, parents first. */
  orgs: ScopeChoice[];
  /** Studios on those nodes. */
  studios: ScopeChoice[];
}

/** The admin's scope, or null for someone who is not an admin. */
async function loadAdminScope(): Promise<AdminScope | null> {
  const me = await call(account.me, {});
  if (!me.roles.includes('admin')) return null;
  const tree = await call(account.orgTree, {});
  const scopeIds = me.adminScopes.map((scope) => scope.id);
  return { me, orgs: orgChoices(tree.nodes, scopeIds), studios: studioChoices(tree.studios, tree.nodes, scopeIds) };
}

/** Loads the scope; shows loading, the error with 重试, or 仅管理员可用; renders the page once the scope is known. */
export function AdminGate({ children }: { children: (scope: AdminScope) => ReactNode }) {
  const { state, reload } = useLoad(loadAdminScope);
  if (state.status !== 'ready') return <LoadState state={state} onRetry={() => void reload()} />;
  if (!state.data) {
    return <Placeholder icon={<Setting size={40} color="#c8161d" />} title="仅管理员可用" description="如需开通，请把“我的”页面上的编号告诉上级管理员" />;
  }
  return <>{children(state.data)}</>;
}

/** 查看范围: the chosen node (or studio) and a sheet to pick another, like the grant page. */
export function ScopePicker({ choices, value, onChange, title = '查看范围' }: { choices: ScopeChoice[]; value: string; onChange: (id: string) => void; title?: string }) {
  const [picking, setPicking] = useState(false);
  const current = useMemo(() => choices.find((choice) => choice.id === value), [choices, value]);
  return (
    <>
      <Cell
        className="staff-scope"
        title={title}
        extra={<Text className="staff-scope__value">{current ? current.name : '请选择'}</Text>}
        align="center"
        clickable
        onClick={() => setPicking(true)}
      />
      <OptionSheet
        visible={picking}
        title={`选择${title}`}
        choices={choices}
        selectedId={value}
        onSelect={(choice) => {
          onChange(choice.id);
          setPicking(false);
        }}
        onClose={() => setPicking(false)}
      />
    </>
  );
}
