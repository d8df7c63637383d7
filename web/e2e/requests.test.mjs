// Message requests and discovery in the browser: B writes to A for the first time; A sees it
// arrive live under Requests (with a notification saying it is a request), accepts, and the chat
// goes on live both ways. Then A's dashboard with a saved filter, on A's second device too.
//
//   PULSE_URL=http://localhost:8000 node e2e/requests.test.mjs
import { check, eventually, log, main, newUserPage, register, screenshots, suffix } from './support.mjs';

const meera = {
  username: `meera_${suffix}`,
  password: 'correct-horse-3',
  displayName: 'Meera Iyer',
  gender: 'female',
  dateOfBirth: '1995-07-21',
  city: 'Mysuru',
};
const kabir = {
  username: `kabir_${suffix}`,
  password: 'battery-staple-4',
  displayName: 'Kabir Shah',
  gender: 'male',
  dateOfBirth: '1992-12-02',
  city: 'Mysuru',
};

function messageRow(page, text) {
  return page.getByTestId('message').filter({ has: page.getByTestId('message-text').getByText(text, { exact: true }) });
}

await main(async (browser) => {
  const A = await newUserPage(browser, 'A');
  const B = await newUserPage(browser, 'B');
  // what A's page would show as system notifications, recorded; and a tab sent to the background
  await A.context.grantPermissions(['notifications']);
  await A.context.addInitScript(() => {
    window.__notifications = [];
    window.Notification = class {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title, options) {
        window.__notifications.push({ title, body: options?.body });
      }
      close() {}
    };
    window.__hidden = false;
    Object.defineProperty(Document.prototype, 'visibilityState', {
      configurable: true,
      get: () => (window.__hidden ? 'hidden' : 'visible'),
    });
  });
  await register(A.page, meera);
  await register(B.page, kabir);

  // A waits on the Requests tab of Messages, in the background
  await A.page.getByTestId('nav-messages').click();
  await A.page.getByTestId('tab-requests').click();
  await A.page.getByText('No message requests').waitFor();
  await A.page.evaluate(() => {
    window.__noReload = true;
    window.__hidden = true;
    document.dispatchEvent(new Event('visibilitychange'));
  });

  // B writes first, from A's profile
  await B.page.goto(`/profile/${meera.username}`);
  // the interest buttons load last and move the others: click once they are in place
  await B.page.getByTestId('send-interest').waitFor();
  await B.page.getByTestId('message-button').click();
  await B.page.waitForURL(`**/messages/${meera.username}`);
  const first = `Hello Meera, we are both from Mysuru ${suffix}`;
  const input = B.page.getByLabel('Message to Meera');
  await input.fill(first);
  await input.press('Enter');
  await B.page.getByTestId('request-sent-note').waitFor();
  log('B sent a first message; B is told it waits in Meera\'s requests');

  const request = A.page.locator(`[data-testid="request"][data-username="${kabir.username}"]`);
  await request.waitFor({ timeout: 10_000 });
  check((await request.textContent()).includes(first), 'the request shows the message');
  await eventually('the tab reads Requests (1)', async () =>
    (await A.page.getByTestId('tab-requests').textContent()) === 'Requests (1)');
  check(await A.page.evaluate(() => window.__noReload === true), 'A\'s page was not reloaded');
  await eventually('a notification saying it is a request', async () =>
    (await A.page.evaluate(() => window.__notifications)).some((n) => n.body === first));
  const note = (await A.page.evaluate(() => window.__notifications)).find((n) => n.body === first);
  check(note.title === `Message request from ${kabir.displayName}`, `the notification says "${note.title}"`);
  await eventually('A\'s Messages badge counts it', async () =>
    (await A.page.getByTestId('unread-badge').textContent()) === '1');
  await A.page.evaluate(() => {
    window.__hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await A.page.getByTestId('tab-chats').click();
  check((await A.page.locator(`[data-testid="conversation"][data-username="${kabir.username}"]`).count()) === 0,
    'not among the chats while it is a request');
  log(`A saw the request live under Requests, notified: "${note.title}"`);

  await A.page.getByTestId('tab-requests').click();
  await request.click();
  await A.page.waitForURL((url) => url.pathname === `/messages/${kabir.username}` && url.search === '?tab=requests');
  const banner = A.page.getByTestId('request-banner');
  await banner.waitFor();
  await messageRow(A.page, first).waitFor();
  await screenshots(A.page, 'requests', async (page) => {
    await page.getByTestId('request-banner').waitFor();
  });
  await screenshots(B.page, 'requests-sender', async (page) => {
    await page.getByTestId('request-sent-note').waitFor();
  });

  await banner.getByRole('button', { name: 'Accept' }).click();
  await banner.waitFor({ state: 'hidden' });
  await A.page.locator(`[data-testid="conversation"][data-username="${kabir.username}"]`).waitFor();
  await eventually('the tab reads Requests (0)', async () =>
    (await A.page.getByTestId('tab-requests').textContent()) === 'Requests (0)');
  await B.page.getByTestId('request-sent-note').waitFor({ state: 'hidden', timeout: 10_000 });
  log('A accepted: it is a chat now, and B\'s note went away live');

  // the chat goes on live, both ways
  const reply = `Hello Kabir, nice to meet you ${suffix}`;
  await A.page.getByLabel('Message to Kabir').fill(reply);
  await A.page.getByLabel('Message to Kabir').press('Enter');
  await messageRow(B.page, reply).waitFor({ timeout: 10_000 });
  const next = `Shall we talk on Sunday? ${suffix}`;
  await input.fill(next);
  await input.press('Enter');
  await messageRow(A.page, next).waitFor({ timeout: 10_000 });
  await eventually('B\'s message is read at once (A has the chat open)', async () =>
    (await messageRow(B.page, next).getAttribute('data-status')) === 'read');
  log('the chat continues live both ways');

  // ---- the dashboard with a saved filter, on both of A's devices --------------------------------
  await A.page.goto('/');
  await A.page.getByTestId('profile-grid').waitFor();
  check((await A.page.getByTestId('profile-card').count()) > 1, 'everyone is listed before filtering');
  check((await A.page.getByTestId('saved-filters-summary').textContent()) === 'None: showing everyone', 'no filters yet');
  // online members first: B is online, so B's card leads
  check((await A.page.getByTestId('profile-card').first().getAttribute('data-username')) === kabir.username,
    'the online member comes first');
  await A.page.getByRole('button', { name: 'Set filters' }).click();
  await A.page.getByLabel('City').fill('mysuru');
  await A.page.getByLabel('From age').fill('25');
  await A.page.getByLabel('To age').fill('40');
  await A.page.getByRole('button', { name: 'Save filters' }).click();
  await eventually('only B matches the saved filters', async () => {
    const cards = A.page.getByTestId('profile-card');
    return (await cards.count()) === 1 && (await cards.first().getAttribute('data-username')) === kabir.username;
  });
  check((await A.page.getByTestId('saved-filters-summary').textContent()) === '25–40 years · mysuru', 'the summary names them');
  await screenshots(A.page, 'dashboard-filters', async (page) => {
    await page.getByTestId('profile-card').first().waitFor();
  });
  log('A saved a filter; the dashboard shows only who matches');

  const A2 = await newUserPage(browser, 'A2');
  await A2.page.goto('/login');
  await A2.page.getByLabel('Username').fill(meera.username);
  await A2.page.getByLabel('Password').fill(meera.password);
  await A2.page.getByRole('button', { name: 'Log in' }).click();
  await A2.page.getByTestId('profile-grid').waitFor();
  await eventually('A\'s other device has the same filters', async () =>
    (await A2.page.getByTestId('saved-filters-summary').textContent()) === '25–40 years · mysuru');
  check((await A2.page.getByTestId('profile-card').count()) === 1, 'and the same one profile');

  // offered on search; results say who is online and when the others were last seen
  await A2.page.goto('/search');
  await A2.page.getByTestId('search-results').waitFor();
  await A2.page.getByTestId('use-saved-filters').click();
  await eventually('search uses the saved filters', async () => A2.page.url().includes('city=mysuru'));
  const result = A2.page.locator(`[data-testid="search-result"][data-username="${kabir.username}"]`);
  await eventually('only B matches in search too', async () =>
    (await A2.page.getByTestId('search-result').count()) === 1 && (await result.count()) === 1);
  check((await result.getByTestId('result-presence').textContent()) === 'Online now', 'B shows online');
  await B.page.getByRole('button', { name: 'Log out' }).click();
  await B.page.getByRole('button', { name: 'Log in' }).waitFor();
  await eventually('B shows last seen once offline', async () =>
    /^Offline · last seen /.test(await result.getByTestId('result-presence').textContent()), 15_000);
  await screenshots(A2.page, 'search-last-seen', async (page) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('search-result').first().waitFor();
  });
  log('search offers the saved filters and shows last seen for offline members');
});
