/**
 * Cloud storage parity: the real SDK's uploadFile / getTempFileURL / downloadFile / deleteFile against the emulator,
 * and the temporary URLs it hands out fetched over plain HTTP, as the H5 build's <img> tags will.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestCloud, withEmulator, type TestCloud } from '../support/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

interface FileStatus {
  fileID: string;
  status: number;
  errMsg: string;
}
interface TempUrl extends FileStatus {
  tempFileURL: string;
  maxAge?: number;
}
// The SDK's storage methods are typed `Promise<X> | void` (callback overloads): name the promise forms once.
interface Storage {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string; errMsg: string }>;
  getTempFileURL(options: { fileList: Array<string | { fileID: string; maxAge: number }> }): Promise<{ fileList: TempUrl[] }>;
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer; statusCode: number }>;
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: FileStatus[] }>;
}
const storage = (): Storage => cloud.sdk as unknown as Storage;

async function upload(cloudPath: string, bytes: Buffer = randomBytes(256)): Promise<{ fileID: string; bytes: Buffer }> {
  const { fileID } = await storage().uploadFile({ cloudPath, fileContent: bytes });
  return { fileID, bytes };
}
async function tempUrl(fileID: string): Promise<string> {
  const [entry] = (await storage().getTempFileURL({ fileList: [fileID] })).fileList;
  expect(entry.status).toBe(0);
  return entry.tempFileURL;
}

describe('upload and download', () => {
  test('an uploaded file gets a production-shaped fileID and its temp URL serves the same bytes as image/png', async () => {
    const { fileID, bytes } = await upload('cases/photo.png');
    expect(fileID).toMatch(/^cloud:\/\/lianxin-local\.[0-9a-f]{4}-lianxin-local-\d+\/cases\/photo\.png$/);
    const response = await fetch(await tempUrl(fileID));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  test('downloadFile returns the uploaded bytes, also for a path with Chinese characters and a space', async () => {
    const { fileID, bytes } = await upload('活动照片/七一 合影.jpg');
    const { fileContent, statusCode } = await storage().downloadFile({ fileID });
    expect(statusCode).toBe(200);
    expect(fileContent).toEqual(bytes);
    const response = await fetch(await tempUrl(fileID));
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
  });

  test('getTempFileURL with maxAge signs the URL to expire that many seconds from now', async () => {
    const { fileID } = await upload('docs/notice.pdf');
    const before = Math.floor(Date.now() / 1000);
    const [entry] = (await storage().getTempFileURL({ fileList: [{ fileID, maxAge: 120 }] })).fileList;
    const expires = Number(new URL(entry.tempFileURL).searchParams.get('t'));
    expect(expires - before).toBeGreaterThanOrEqual(120);
    expect(expires - before).toBeLessThanOrEqual(121);
    expect(entry.maxAge).toBe(120);
  });

  test('uploading to the same cloudPath again replaces the file', async () => {
    await upload('replace/me.txt', Buffer.from('first'));
    const { fileID } = await upload('replace/me.txt', Buffer.from('second'));
    expect((await storage().downloadFile({ fileID })).fileContent.toString()).toBe('second');
  });

  test('a HEAD on a temp URL answers the size and content type without a body', async () => {
    const { fileID } = await upload('head/data.json', Buffer.from('{"a":1}'));
    const response = await fetch(await tempUrl(fileID), { method: 'HEAD' });
    expect([response.status, response.headers.get('content-length'), response.headers.get('content-type')]).toEqual([200, '7', 'application/json; charset=utf-8']);
  });

  test.each([
    ['starting with /', '/leading/slash.png'],
    ['with //', 'double//slash.png'],
    ['longer than 850 bytes', `${'长'.repeat(284)}.png`],
    ['with a .. segment', 'a/../b.png'],
  ])('an upload to a cloudPath %s fails with the reason and stores nothing', async (_case, cloudPath) => {
    await expect(upload(cloudPath)).rejects.toMatchObject({ errMsg: expect.stringContaining('cloudPath') });
    expect(cloud.emulator.storage.files().map((file) => file.cloudPath)).not.toContain(cloudPath);
  });
});

describe('delete', () => {
  test('deleteFile reports 0 for a stored file and -503003 for a missing one; then its URL is 404 and getTempFileURL reports it missing', async () => {
    const { fileID } = await upload('delete/me.png');
    const url = await tempUrl(fileID);
    const missing = fileID.replace('me.png', 'never.png');
    const { fileList } = await storage().deleteFile({ fileList: [fileID, missing] });
    expect(fileList).toEqual([
      { fileID, status: 0, errMsg: 'ok' },
      { fileID: missing, status: -503003, errMsg: 'storage file not exists' },
    ]);
    expect((await fetch(url)).status).toBe(404);
    const [entry] = (await storage().getTempFileURL({ fileList: [fileID] })).fileList;
    expect(entry).toMatchObject({ status: -503003, tempFileURL: '' });
    await expect(storage().downloadFile({ fileID })).rejects.toMatchObject({ errMsg: expect.stringContaining('文件不存在') });
  });

  test('a fileID of another environment\'s bucket is refused per file with -503002', async () => {
    const foreign = 'cloud://prod-env.7072-prod-env-1300000000/x.png';
    expect((await storage().deleteFile({ fileList: [foreign] })).fileList).toEqual([{ fileID: foreign, status: -503002, errMsg: 'storage permission denied' }]);
    expect((await storage().getTempFileURL({ fileList: [foreign] })).fileList[0]).toMatchObject({ status: -503002, tempFileURL: '' });
  });
});

describe('temp URL signatures', () => {
  test('a URL whose sign was altered, or moved to another file, is 403', async () => {
    const { fileID } = await upload('signed/a.png');
    await upload('signed/b.png');
    const url = new URL(await tempUrl(fileID));
    const tampered = new URL(url);
    tampered.searchParams.set('sign', '0'.repeat(32));
    expect((await fetch(tampered)).status).toBe(403);
    const moved = new URL(url.href.replace('signed/a.png', 'signed/b.png'));
    expect((await fetch(moved)).status).toBe(403);
    const unsigned = new URL(url);
    unsigned.search = '';
    expect((await fetch(unsigned)).status).toBe(403);
  });

  test('a URL past its expiry is 403', async () => {
    await cloud.emulator.storage.put('signed/expired.png', Buffer.from('x'));
    const expired = cloud.emulator.storage.tempFileURL('signed/expired.png', -1);
    const response = await fetch(expired);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('expired');
  });

  test('the upload endpoint refuses a PUT that was not granted by getUploadMetadata', async () => {
    const response = await fetch(`${cloud.emulator.url}/_cos/upload/abcdef`, { method: 'PUT', body: 'x' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>AccessDenied</Code>');
  });
});

describe('module API', () => {
  test('put stores a file the SDK can read, and files() lists it with its fileID', async () => {
    const fileID = await cloud.emulator.storage.put('seed/logo.svg', Buffer.from('<svg/>'));
    expect((await storage().downloadFile({ fileID })).fileContent.toString()).toBe('<svg/>');
    expect(cloud.emulator.storage.files()).toContainEqual(expect.objectContaining({ cloudPath: 'seed/logo.svg', fileID, size: 6, contentType: 'image/svg+xml' }));
    expect(await cloud.emulator.storage.read('seed/logo.svg')).toEqual(Buffer.from('<svg/>'));
  });
});

test('files, deletions and handed-out URLs survive a restart on the same data folder', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianxin-storage-'));
  try {
    let kept: { fileID: string; bytes: Buffer } = { fileID: '', bytes: Buffer.alloc(0) };
    let url = '';
    await withEmulator(cloud, { dataDir }, async () => {
      kept = await upload('kept/file.png');
      const gone = await upload('gone/file.png');
      url = await tempUrl(kept.fileID);
      await storage().deleteFile({ fileList: [gone.fileID] });
    });
    await withEmulator(cloud, { dataDir }, async (second) => {
      expect((await storage().downloadFile({ fileID: kept.fileID })).fileContent).toEqual(kept.bytes);
      expect(second.storage.files().map((file) => file.cloudPath)).toEqual(['kept/file.png']);
      // The old URL points at the old port; its path and signature must still be good on the new one.
      const moved = new URL(url);
      const response = await fetch(`${second.url}${moved.pathname}${moved.search}`);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(kept.bytes);
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('what a crash left half-written (temp files, bytes without their record) is swept at start and never listed', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianxin-storage-'));
  try {
    await withEmulator(cloud, { dataDir }, async () => {
      await upload('whole/file.png');
    });
    const objects = join(dataDir, 'storage', 'objects');
    writeFileSync(join(objects, `${'a'.repeat(64)}.1234.tmp`), 'partial');
    writeFileSync(join(objects, 'b'.repeat(64)), 'bytes whose record never landed');
    await withEmulator(cloud, { dataDir }, async (second) => {
      expect(second.storage.files().map((file) => file.cloudPath)).toEqual(['whole/file.png']);
      expect(readdirSync(objects)).toHaveLength(2);
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
