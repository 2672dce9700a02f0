import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import LoadState from '@/components/LoadState';
import PageShell from '@/components/PageShell';
import { listPersonas, signInAs, signOut, type Persona } from '@/lib/dev-sign-in';
import { errorMessage } from '@/lib/errors';
import { useLoad } from '@/lib/use-load';
import './index.css';

const ME_PAGE = '/pages/me/index';

/** h5 build only (app.config.ts leaves it out of weapp): sign in as a demo persona, as WeChat would identify a user. */
export default function DevSignInPage() {
  const { state, reload } = useLoad(() => listPersonas());
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await work();
      await Taro.reLaunch({ url: ME_PAGE });
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell>
      <View className="lx-card dev-sign-in__note">
        <Text>本地演示：选择一个身份登录（正式小程序中身份来自微信）</Text>
      </View>
      <LoadState state={state} onRetry={() => void reload()} />
      {state.status === 'ready' ? (
        <>
          <Cell.Group>
            {state.data.personas.map((persona: Persona, index) => {
              const current = persona.openid === state.data.current;
              return (
                <Cell
                  key={persona.key}
                  className={current ? 'lx-persona lx-persona--current' : 'lx-persona'}
                  title={persona.label}
                  description={persona.description}
                  extra={current ? <Text className="lx-tag">当前</Text> : null}
                  align="center"
                  clickable
                  isLast={index === state.data.personas.length - 1}
                  onClick={() => void act(() => signInAs(persona.key))}
                />
              );
            })}
          </Cell.Group>
          <Button className="dev-sign-in__out" size="large" block disabled={busy} onClick={() => void act(() => signOut())}>
            退出演示身份（成为新的匿名居民）
          </Button>
        </>
      ) : null}
    </PageShell>
  );
}
