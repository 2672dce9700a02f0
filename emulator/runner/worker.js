/**
 * One function instance (worker thread), like an SCF instance: it loads one deployed index.js and runs its
 * `main(event, context)` for one request at a time. Plain CommonJS because workers get no tsx/jest transpilation.
 *
 * process.env is private to this thread (a copy), so the per-invocation WeChat context (WX_OPENID, WX_API_TOKEN, ...)
 * set here is invisible to every other concurrent invocation — that is what makes cloud.getWXContext() correct.
 */
'use strict';
const { parentPort } = require('node:worker_threads');

const baseEnv = { ...process.env };
let loaded = null;

/** Puts back the instance's own environment, then adds this invocation's keys (an empty value means "absent"). */
function applyEnv(env) {
  for (const key of Object.keys(process.env)) {
    if (!(key in baseEnv)) delete process.env[key];
  }
  Object.assign(process.env, baseEnv);
  for (const [key, value] of Object.entries(env)) {
    if (value === '' || value === undefined || value === null) delete process.env[key];
    else process.env[key] = String(value);
  }
}

function load(file) {
  if (!loaded || loaded.file !== file) {
    const exported = require(file);
    if (typeof exported.main !== 'function') throw new Error(`${file} does not export a main function`);
    loaded = { file, main: exported.main };
  }
  return loaded.main;
}

function describe(error) {
  if (error instanceof Error) return { detail: `${error.name}: ${error.message}`, stack: error.stack || '' };
  return { detail: typeof error === 'string' ? error : JSON.stringify(error), stack: '' };
}

parentPort.on('message', async (message) => {
  if (!message || message.type !== 'invoke') return;
  const { id, file, env, event, context } = message;
  let reply;
  try {
    applyEnv(env);
    const main = load(file);
    // Loading the module is SCF's init phase; the function's timeout starts now.
    parentPort.postMessage({ type: 'started', id });
    const result = await main(event, context);
    reply = { type: 'done', id, ok: true, response: JSON.stringify(result === undefined ? null : result) };
  } catch (error) {
    reply = { type: 'done', id, ok: false, ...describe(error) };
  }
  parentPort.postMessage(reply);
});
