import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Cell, Switch } from '@nutui/nutui-react-taro';
import PageShell from '@/components/PageShell';
import OpinionEntry from '@/components/OpinionEntry';
import { useElderMode } from '@/lib/use-elder-mode';

const open = (url: string) => () => void Taro.navigateTo({ url });

/** 我的: inbox, 长辈模式, privacy, and who I am. */
export default function MePage() {
  const [elder, setElder] = useElderMode();
  return (
    <PageShell>
      <Text className="lx-section-title">我的身份</Text>
      <Cell title="群众" description="身份与角色功能即将上线" />

      <Text className="lx-section-title">服务</Text>
      <Cell.Group>
        <Cell title="消息中心" description="办理进度和通知" clickable onClick={open('/pages/inbox/index')} />
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
        <Cell title="用户隐私保护指引" clickable onClick={open('/pages/privacy/index')} />
      </Cell.Group>

      {LIANXIN_LOCAL ? (
        <>
          <Text className="lx-section-title">工作台（本地预览）</Text>
          <Cell.Group>
            <Cell title="工作台" clickable onClick={open('/packages/staff/pages/index')} />
            <Cell title="代表工作台" clickable onClick={open('/packages/deputy/pages/index')} />
          </Cell.Group>
        </>
      ) : null}
    </PageShell>
  );
}
