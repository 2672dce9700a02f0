import { Text } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { Cell } from '@nutui/nutui-react-taro';
import { useRef } from 'react';
import { call } from '@/services';
import { account } from '@/shared/contracts/account';
import { HANDLING_STATES } from '@/shared/cases/states';
import { cases, type CaseList } from '@/shared/contracts/case';
import { useLoad } from '@/lib/use-load';

// One page is enough for a glance on the home page; beyond it the count reads "50+".
const GLANCE = 50;

interface Work {
  deputy?: { open: string; overdue: number };
  admin?: { waiting: string; supervised: string };
}

const count = (list: CaseList) => `${list.items.length}${list.hasMore ? '+' : ''}`;

/** Deputies' and admins' open work at a glance; residents (most users) cost one account.me call and see nothing. */
async function loadWork(): Promise<Work> {
  const me = await call(account.me, {});
  const work: Work = {};
  if (me.roles.includes('deputy')) {
    const inbox = await call(cases.deputyInbox, { offset: 0, limit: GLANCE });
    const open = inbox.items.filter((item) => HANDLING_STATES.includes(item.state));
    work.deputy = { open: `${open.length}${inbox.hasMore ? '+' : ''}`, overdue: open.filter((item) => item.overdue).length };
  }
  const orgId = me.adminScopes[0]?.id;
  if (me.roles.includes('admin') && orgId) {
    const [waiting, supervised] = await Promise.all([
      call(cases.adminList, { orgId, state: 'submitted', offset: 0, limit: GLANCE }),
      call(cases.adminList, { orgId, supervised: true, offset: 0, limit: GLANCE }),
    ]);
    work.admin = { waiting: count(waiting), supervised: count(supervised) };
  }
  return work;
}

const open = (url: string) => () => void Taro.navigateTo({ url });

/** 我的工作 on the home page, for deputies and admins only. */
export default function WorkSummary() {
  const { state, reload } = useLoad(loadWork);
  // Back on the home tab after handling a case: the counts may have changed (the mount loads the first time).
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
  if (state.status !== 'ready' || (!state.data.deputy && !state.data.admin)) return null;
  const { deputy, admin } = state.data;
  return (
    <>
      <Text className="lx-section-title">我的工作</Text>
      <Cell.Group>
        {deputy ? (
          <Cell
            title="代表工作台"
            description={`待办意见 ${deputy.open} 件${deputy.overdue > 0 ? `，其中逾期 ${deputy.overdue} 件` : ''}`}
            clickable
            isLast={!admin}
            onClick={open('/packages/deputy/pages/index/index')}
          />
        ) : null}
        {admin ? (
          <Cell
            title="意见批办"
            description={`已提交 ${admin.waiting} 件，督办 ${admin.supervised} 件`}
            clickable
            isLast
            onClick={open('/packages/staff/pages/cases/index')}
          />
        ) : null}
      </Cell.Group>
    </>
  );
}
