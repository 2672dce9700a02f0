/**
 * The protobuf messages of wx.openApi, defined with the field numbers wx-server-sdk 4.0.2 uses
 * (its generated code is bundled inside the SDK and not importable).
 */
import * as protobuf from 'protobufjs';

const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: { fields: { key: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 }, contenttype: { type: 'string', id: 3 }, filename: { type: 'string', id: 4 } } },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: { apiType: { type: 'int32', id: 1 }, openapiData: { type: 'OpenApiData', id: 2 }, appid: { type: 'string', id: 6 } },
    },
    CommOpenApiResp: {
      fields: { respData: { type: 'bytes', id: 1 }, contentType: { type: 'string', id: 2 }, errorCode: { type: 'int32', id: 3 }, httpCode: { type: 'uint32', id: 4 } },
    },
  },
});
const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');
const OPEN_API = 0;

/** The request parameters (snake_case keys, JSON values) carried by a CommApiData message. */
export function decodeRequest(bytes: Buffer): Record<string, unknown> {
  const message = CommApiData.toObject(CommApiData.decode(bytes), { defaults: true }) as {
    apiType: number;
    openapiData?: { pairs?: Array<{ key: string; value: Uint8Array }> };
  };
  if (message.apiType !== OPEN_API) throw new Error(`unsupported apiType ${message.apiType}`);
  const params: Record<string, unknown> = {};
  for (const pair of message.openapiData?.pairs ?? []) params[pair.key] = JSON.parse(Buffer.from(pair.value).toString('utf8'));
  return params;
}

/** WeChat's JSON reply wrapped as CommOpenApiResp, the bytes the SDK decodes. */
export function encodeResponse(body: object): Buffer {
  return encodeBytes(Buffer.from(JSON.stringify(body)), 'application/json; charset=utf-8');
}

/**
 * A binary reply (wxacode's image) wrapped as CommOpenApiResp: for a content type that is neither JSON nor text the SDK
 * answers `{ contentType, buffer }` with these bytes.
 */
export function encodeBytes(respData: Buffer, contentType: string): Buffer {
  const message = CommOpenApiResp.create({ respData, contentType, errorCode: 0 });
  return Buffer.from(CommOpenApiResp.encode(message).finish());
}
