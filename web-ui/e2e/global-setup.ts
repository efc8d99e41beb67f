import { request, type FullConfig } from '@playwright/test';

/**
 * Signs in once as the user WebUiBrowserTest created (VIGIL_UI_USER, VIGIL_UI_PASSWORD) and keeps the session
 * cookie where the config's storageState reads it: every spec's pages and API calls are that signed-in person's.
 */
export default async function globalSetup(config: FullConfig) {
  const { baseURL, storageState } = config.projects[0].use;
  const username = process.env.VIGIL_UI_USER;
  const password = process.env.VIGIL_UI_PASSWORD;
  if (!username || !password) {
    throw new Error('VIGIL_UI_USER and VIGIL_UI_PASSWORD must name a Vigil user for the suite to sign in as');
  }
  const context = await request.newContext({ baseURL });
  const answer = await context.post('/api/v1/auth/login', { data: { username, password } });
  if (answer.status() !== 200) {
    throw new Error(`signing in as ${username} answered ${answer.status()}: ${await answer.text()}`);
  }
  await context.storageState({ path: storageState as string });
  await context.dispose();
}
