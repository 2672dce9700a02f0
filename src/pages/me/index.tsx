import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { Cell, Switch } from '@nutui/nutui-react-taro';
import { useRef } from 'react';
import LoadState from '@/components/LoadState';
import PageShell from '@/components/PageShell';
import OpinionEntry from '@/components/OpinionEntry';
import UnreadBadge from '@/components/UnreadBadge';
import { call } from '@/services';
import { account, type MeView } from '@/shared/contracts/account';
import { roleLabels } from '@/lib/roles';
import { askSubscription } from '@/lib/subscribe';
import { CASE_FOLLOWER_TEMPLATES } from '@/shared/notify';
import { useElderMode } from '@/lib/use-elder-mode';
import { useLoad } from '@/lib/use-load';
import { useUnreadCount } from '@/lib/use-unread';
import './index.css';

const open = (url: string) => () => void Taro.navigateTo({ url });

/** Who I am: roles, the code staff need to grant a role, and what each role is bound to. */
function IdentityCard({ me }: { me: MeView }) {
  return (
    <View className="lx-card me-identity">
      <View className="me-identity__roles">
        {me.name ? <Text className="me-identity__name">{me.name}</Text> : null}
        {roleLabels(me.roles).map((label) => (
          <Text key={label} className="lx-tag lx-role-tag">
            {label}
          </Text>
        ))}
      </View>
      <Text className="lx-muted">我的编号</Text>
      <Text className="me-identity__code lx-user-code">{me.code}</Text>
      <Text className="me-identity__hint">把编号告诉工作人员即可为您开通党代表/管理员权限</Text>
      {me.member ? <IdentityLine label="所在支部" values={[me.member.branchName]} /> : null}
      <IdentityLine label="党代表工作室" values={me.deputyStudios.map((studio) => studio.name)} />
      <IdentityLine label="管理范围" values={me.adminScopes.map((scope) => scope.name)} />
    </View>
  );
}

/** 所在支部：东湖社区第一党支部 — each value its own text, so it reads (and is found) on its own. */
function IdentityLine({ label, values }: { label: string; values: string[] }) {
  if (values.length === 0) return null;
  return (
    <View className="me-identity__line">
      <Text className="lx-muted">{label}：</Text>
      {values.map((value) => (
        <Text key={value} className="me-identity__value">
          {value}
        </Text>
      ))}
    </View>
  );
}

/** 我的: identity and roles, inbox, workbenches for deputies and admins, 长辈模式, privacy. */
export default function MePage() {
  const [elder, setElder] = useElderMode();
  const unread = useUnreadCount();
  const { state, reload } = useLoad(() => call(account.me, {}));
  // Roles can change while the app is open (an admin grants one): refresh on every return, not on the first show.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
  const me = state.status === 'ready' ? state.data : null;

  const subscribe = async () => {
    const accepted = await askSubscription([...CASE_FOLLOWER_TEMPLATES]);
    void Taro.showToast({ title: accepted.length ? '已订阅，意见答复后会在微信里提醒您' : '未订阅，进度仍可在消息中心查看', icon: 'none' });
  };
  // Deputies and admins: one reminder per 允许 for a new 待办 (批办, 重办, 即将到期, 督办).
  const subscribeTodo = async () => {
    const accepted = await askSubscription(['todo']);
    void Taro.showToast({ title: accepted.length ? '已订阅，有新的待办时微信会提醒您' : '未订阅，待办仍可在消息中心查看', icon: 'none' });
  };

  return (
    <PageShell>
      <Text className="lx-section-title">我的身份</Text>
      <LoadState state={state} onRetry={() => void reload()} card />
      {me ? <IdentityCard me={me} /> : null}

      <Text className="lx-section-title">服务</Text>
      <Cell.Group>
        <Cell
          title="消息中心"
          description="办理进度和通知"
          className="lx-cell-compact"
          align="center"
          extra={<UnreadBadge count={unread} />}
          clickable
          onClick={open('/pages/inbox/index')}
        />
        <Cell
          title="订阅答复提醒"
          description="意见答复后，微信会提醒您；其他进展在消息中心"
          className="lx-cell-compact"
          align="center"
          clickable
          onClick={() => void subscribe()}
        />
        {me && !me.member ? (
          <Cell title="绑定党员身份" description="党员凭姓名和手机号后 4 位绑定，居民无需绑定" className="lx-cell-compact" align="center" clickable onClick={open('/pages/bind/index')} />
        ) : null}
        {me && (me.roles.includes('deputy') || me.roles.includes('admin')) ? (
          <Cell
            title="订阅待办提醒"
            description="每允许一次，下一件待办会在微信里提醒您"
            className="lx-cell-compact"
            align="center"
            clickable
            onClick={() => void subscribeTodo()}
          />
        ) : null}
        {me?.roles.includes('deputy') ? (
          <Cell title="代表工作台" description="办理群众意见" clickable onClick={open('/packages/deputy/pages/index/index')} />
        ) : null}
        {me?.roles.includes('admin') ? (
          <Cell title="管理工作台" description="授权管理、授权记录" clickable onClick={open('/packages/staff/pages/index/index')} />
        ) : null}
        <OpinionEntry isLast />
      </Cell.Group>

      <Text className="lx-section-title">设置</Text>
      <Cell.Group>
        <Cell
          title="长辈模式"
          description="字更大，按钮更好点"
          className="lx-cell-compact"
          align="center"
          extra={<Switch checked={elder} onChange={setElder} ariaLabel="长辈模式" />}
        />
        <Cell title="用户隐私保护指引" clickable isLast onClick={open('/pages/privacy/index')} />
      </Cell.Group>

      {process.env.TARO_ENV === 'h5' ? (
        <>
          <Text className="lx-section-title">本地演示</Text>
          <Cell.Group>
            <Cell title="切换演示身份" description="以居民、党员、党代表或管理员的身份体验" clickable isLast onClick={open('/pages/dev-sign-in/index')} />
          </Cell.Group>
        </>
      ) : null}
    </PageShell>
  );
}
