import Taro from '@tarojs/taro';
import { type KeyValueStorage } from './elder-mode';

/** Taro's synchronous storage (wx storage on weapp, localStorage on h5); a missing key reads as ''. */
export const taroStorage: KeyValueStorage = {
  get: (key) => Taro.getStorageSync(key),
  set: (key, value) => Taro.setStorageSync(key, value),
};
