/**
 * `call(contract, input)` for pages: the one transport over this build's channel (weapp: cloud.callFunction; h5: the
 * local gateway). TARO_ENV is replaced at build time, so the unused channel is never called.
 */
import { httpChannel } from './channel-http';
import { weappChannel } from './channel-weapp';
import { createTransport, type Call } from './transport';

export const call: Call = createTransport({ channel: process.env.TARO_ENV === 'weapp' ? weappChannel : httpChannel('') });
export { ApiError } from './errors';
