/** Mini-program channel: Taro.cloud.callFunction; WeChat attaches the caller's OPENID on its side. */
import Taro from '@tarojs/taro';
import type { Channel } from './transport';

export const weappChannel: Channel = async (fn, data) => {
  const reply = await Taro.cloud.callFunction({ name: fn, data });
  return reply.result;
};
