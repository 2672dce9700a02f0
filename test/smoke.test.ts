import { startTestCloud, type TestCloud } from './support/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

test('an action the emulator does not implement fails with an error naming it', async () => {
  await expect(cloud.sdk.database().collection('nope').get()).rejects.toMatchObject({
    errMsg: expect.stringContaining('database.getDocument'),
  });
});
