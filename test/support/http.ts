/** HTTP helpers for tests that act as a browser against the local gateway. */

/** A fetch that keeps cookies like a browser does, so the gateway's identity cookie sticks. */
export function browserFetch(): typeof fetch {
  let cookie = '';
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(input, { ...init, headers });
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    return response;
  };
}
