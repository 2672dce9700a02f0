/**
 * wxacode.getUnlimited: WeChat's request checks with its errcodes, and the image. The emulator cannot draw WeChat's
 * round "sunflower" mini-program code, so its PNG is the honest local stand-in: a plain QR code (the `qrcode` package)
 * of `<page>?scene=<encodeURIComponent(scene)>` — the page a scan opens and the query it receives (`scene` arrives
 * URI-encoded, which is why pages decodeURIComponent it).
 */
import { Worker } from 'node:worker_threads';
import { wxError, type WxReply } from './wechat';

export interface WxacodeRequest {
  scene: string;
  page: string;
  checkPath: boolean;
  envVersion: string;
  /** Pixels, within WeChat's 280…1280. */
  width: number;
  /** The code's colour as #rrggbbaa (line_color; black by default). */
  dark: string;
  /** The background: white, or transparent with is_hyaline. */
  light: string;
}

/** WeChat's documented scene limits: at most 32 visible characters from this set (no %, so no URL-encoded Chinese). */
export const SCENE_LIMIT = 32;
const SCENE_CHARS = /^[A-Za-z0-9!#$&'()*+,/:;=?@._~-]*$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];
const WIDTH = { min: 280, max: 1280, fallback: 430 };

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A colour channel of line_color (WeChat's own example sends them as decimal strings). */
function channel(value: unknown): string {
  const number = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : 0;
  const clamped = Number.isFinite(number) ? Math.min(255, Math.max(0, Math.round(number))) : 0;
  return clamped.toString(16).padStart(2, '0');
}

function darkColour(lineColor: unknown): string {
  if (typeof lineColor !== 'object' || lineColor === null) return '#000000ff';
  const { r, g, b } = lineColor as { r?: unknown; g?: unknown; b?: unknown };
  return `#${channel(r)}${channel(g)}${channel(b)}ff`;
}

/** The request as WeChat reads it (snake_case params), plus the error it would answer, or null when it draws a code. */
export function readWxacodeRequest(params: Record<string, unknown>, appPages: () => string[]): { request: WxacodeRequest; error: WxReply | null } {
  const checkPath = params.check_path !== false;
  // Without a page WeChat opens the home page: the first page of app.json.
  const page = params.page === undefined ? (appPages()[0] ?? '') : text(params.page);
  const requested = typeof params.width === 'number' && Number.isFinite(params.width) ? Math.round(params.width) : WIDTH.fallback;
  const request: WxacodeRequest = {
    scene: text(params.scene),
    page,
    checkPath,
    envVersion: params.env_version === undefined ? 'release' : text(params.env_version),
    width: Math.min(WIDTH.max, Math.max(WIDTH.min, requested)),
    dark: params.auto_color === true ? '#000000ff' : darkColour(params.line_color),
    light: params.is_hyaline === true ? '#00000000' : '#ffffffff',
  };
  return { request, error: firstError(request, appPages) };
}

function firstError(request: WxacodeRequest, appPages: () => string[]): WxReply | null {
  const { scene, page } = request;
  if (scene.length === 0 || scene.length > SCENE_LIMIT) return wxError(40169, 'invalid length for scene, or the data is not json string');
  if (!SCENE_CHARS.test(scene)) return wxError(40129, 'invalid scene');
  if (!ENV_VERSIONS.includes(request.envVersion)) return wxError(40097, 'invalid args');
  // Documented for every call: no leading "/", no query (parameters belong in scene).
  if (page.startsWith('/') || page.includes('?')) return wxError(41030, 'invalid page');
  if (request.checkPath && !appPages().includes(page)) return wxError(41030, 'invalid page');
  return null;
}

/** What the stand-in QR code encodes: the page and the query a scan of the real code opens it with. */
export function codeContent(page: string, scene: string): string {
  return `${page}?scene=${encodeURIComponent(scene)}`;
}

const QRCODE = require.resolve('qrcode');
// qrcode's pure-JS PNG filtering blocks for ~0.2 s at 1280 px (and runs ~20x slower inside a Jest sandbox): draw on a worker.
const DRAW = `
const { parentPort, workerData } = require('node:worker_threads');
require(workerData.qrcode).toBuffer(workerData.text, workerData.options).then((png) => parentPort.postMessage(png));
`;

/** The PNG for an accepted request: qrcode's own rendering of codeContent() at the request's width and colours. */
export function drawCode(request: WxacodeRequest): Promise<Buffer> {
  const options = { type: 'png', width: request.width, color: { dark: request.dark, light: request.light } };
  return new Promise((resolve, reject) => {
    const worker = new Worker(DRAW, { eval: true, workerData: { qrcode: QRCODE, text: codeContent(request.page, request.scene), options } });
    worker.once('message', (png: unknown) => {
      if (ArrayBuffer.isView(png)) resolve(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
      else reject(new Error('the QR drawing worker answered no image'));
    });
    worker.once('error', reject);
    // After a message this settles nothing; without one (a crash) it reports why.
    worker.once('exit', (code) => reject(new Error(`the QR drawing worker exited (code ${code}) without an image`)));
  });
}
