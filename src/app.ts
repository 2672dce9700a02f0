import Taro, { useLaunch } from '@tarojs/taro';
import { type PropsWithChildren } from 'react';
import { listenForPrivacyAuthorization } from './lib/use-privacy-consent';
// NutUI's theme variables once for the whole app, then ours on top (brand colour, elder mode).
import '@nutui/nutui-react-taro/dist/styles/themes/default.css';
import './app.css';

/** The app root: children are the current page. */
function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ env: LIANXIN_CLOUD_ENV, traceUser: true });
      listenForPrivacyAuthorization();
    }
  });
  return children;
}

export default App;
