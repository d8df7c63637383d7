// End-to-end test of the web app in real headless Chromium against a running Pulse server.
//
//   PULSE_URL=http://localhost:8000 node e2e/browser.test.mjs
//
// Optional: SCREENSHOT_DIR (default ./target/screenshots), CHROMIUM_PATH (/usr/bin/chromium),
// PRESENCE_GRACE_MS (the server's offline grace, default 3000). Exits non-zero on the first
// failed check, after saving a screenshot of every open page.
import {
  BASE,
  DESKTOP,
  assertLabelled,
  check,
  cspViolations,
  eventually,
  log,
  login,
  main,
  newUserPage,
  recordCspViolations,
  register,
  screenshots,
  suffix,
  waitForSignedIn,
  watchPage,
} from './support.mjs';

const GRACE_MS = Number(process.env.PRESENCE_GRACE_MS ?? 3000);

const alice = {
  username: `asha_${suffix}`,
  password: 'correct-horse-1',
  displayName: 'Asha Verma',
  gender: 'female',
  dateOfBirth: '1994-03-18',
  city: 'Jaipur',
  religion: 'Hindu',
};
const bob = {
  username: `bharat_${suffix}`,
  password: 'battery-staple-2',
  displayName: 'Bharat Rao',
  gender: 'male',
  dateOfBirth: '1991-09-02',
  city: 'Bengaluru',
  religion: 'Hindu',
};

const onlineCount = (page) => page.getByTestId('online-count').textContent();

/** The profile page's large bulb: online, away, busy or offline. */
const profileBulb = (page) =>
  page.locator('[data-testid="profile-name"] [data-testid="status-bulb"]').getAttribute('data-status');

const presenceText = (page) => page.getByTestId('presence-text').textContent();

function messageRow(page, text) {
  return page.getByTestId('message').filter({ has: page.getByTestId('message-text').getByText(text, { exact: true }) });
}

const messageStatus = (page, text) => messageRow(page, text).getAttribute('data-status');

/** Marks a page so that a later check can tell it was not reloaded in between. */
async function markPage(page) {
  await page.evaluate(() => {
    window.__pulseNoReload = true;
  });
}

async function assertNotReloaded(page, what) {
  check(await page.evaluate(() => window.__pulseNoReload === true), `${what}: the page was reloaded`);
}

/** Screenshots of `url` at both sizes, loaded afresh at each, once `shown`; every control labelled. */
function screenshotsOf(page, label, url, shown) {
  return screenshots(page, label, async (p, size) => {
    await p.goto(url);
    await shown(p);
    await assertLabelled(p, `${label} at ${size}`);
  });
}

await main(async (browser) => {
  // every page of the app's users records what the Content-Security-Policy blocks
  const userPage = (name) => newUserPage(browser, name, (context) => recordCspViolations(context, name));
  const A = await userPage('A');
  const B = await userPage('B');


  // ---- 1. Both log in: each top bar says 2 online -------------------------------------------
  log(`registering ${alice.username} and ${bob.username}`);
  await register(A.page, alice);
  await register(B.page, bob);
  await eventually('A\'s top bar shows "2 Online"', async () => (await onlineCount(A.page)) === '2');
  check((await onlineCount(A.page)) === '2', `A's top bar shows ${await onlineCount(A.page)} online, expected 2`);
  await eventually('B\'s top bar shows "2 Online"', async () => (await onlineCount(B.page)) === '2');
  const pill = await A.page.getByTestId('online-pill').textContent();
  check(/2\s*Online/.test(pill), `the pill reads "${pill}"`);
  log('both top bars show 2 online');

  // ---- 2. Presence on the profile page, live ---------------------------------------------------
  await A.page.goto(`/profile/${bob.username}`);
  await eventually('B\'s bulb is green on A\'s view of B\'s profile', async () => (await profileBulb(A.page)) === 'online');
  await eventually('"Online now" under B\'s name', async () => (await presenceText(A.page)).includes('Online now'));
  const bulbSize = await A.page
    .locator('[data-testid="profile-name"] [data-testid="status-bulb"]')
    .evaluate((el) => [el.getBoundingClientRect().width, getComputedStyle(el).backgroundColor]);
  check(bulbSize[0] === 16, `the profile bulb is ${bulbSize[0]} px wide, expected 16`);
  check(bulbSize[1] === 'rgb(34, 197, 94)', `the online bulb is ${bulbSize[1]}, expected green`);
  await markPage(A.page);

  log('B closes their page');
  const closedAt = Date.now();
  await B.page.close();
  await eventually(
    'B\'s bulb turns gray on A\'s screen',
    async () => (await profileBulb(A.page)) === 'offline',
    GRACE_MS + 2000,
  );
  await eventually('"Offline" under B\'s name', async () => (await presenceText(A.page)).includes('Offline'), 1000);
  log(`A saw B go offline after ${Date.now() - closedAt} ms (grace ${GRACE_MS} ms)`);
  await eventually('A\'s top bar shows 1 online', async () => (await onlineCount(A.page)) === '1', 3000);
  await assertNotReloaded(A.page, 'offline bulb');

  // B comes back in a new tab of the same browser: the session is remembered.
  B.page = await B.context.newPage();
  watchPage(B.page, 'B');
  await B.page.goto('/');
  await B.page.getByRole('navigation', { name: 'Main' }).waitFor();
  await eventually('B is green again on A\'s screen', async () => (await profileBulb(A.page)) === 'online', 5000);
  await eventually('"Online now" again', async () => (await presenceText(A.page)).includes('Online now'), 2000);
  await assertNotReloaded(A.page, 'back online');
  log('B is back online on A\'s screen without a reload');

  // ---- 2b. A tab left alone keeps its socket while its short-lived token is renewed ------------
  // (opened once the online counts are checked; looked at in the end: the server runs with 1-minute tokens, the tab renews after ~48 s)
  const E = await userPage('E');
  const carol = { ...alice, username: `chitra_${suffix}`, displayName: 'Chitra Iyer' };
  const eSockets = [];
  E.page.on('websocket', (ws) => {
    const socket = { renewals: 0, acked: 0 };
    ws.on('framesent', ({ payload }) => {
      if (String(payload).includes('"refresh_token"')) socket.renewals += 1;
    });
    ws.on('framereceived', ({ payload }) => {
      if (/^43\d+\[\{"ok":true,"expiresAt"/.test(String(payload))) socket.acked += 1;
    });
    eSockets.push(socket);
  });
  await register(E.page, carol);
  await E.page.getByTestId('online-count').waitFor();
  await markPage(E.page);

  // ---- 3. Messages: delivery, read marks, live arrival, typing ---------------------------------
  await A.page.getByTestId('message-button').click();
  await A.page.waitForURL(`**/messages/${bob.username}`);
  const input = A.page.getByLabel('Message to Bharat');
  const first = `Namaste Bharat, I liked your profile ${suffix}`;
  // B's page stops running script (a phone that put the tab to sleep): its connection is open,
  // but nothing reads the message, so it is not delivered yet
  const bDevTools = await B.page.context().newCDPSession(B.page);
  await bDevTools.send('Debugger.enable');
  await bDevTools.send('Debugger.pause');
  await input.fill(first);
  await input.press('Enter');
  check((await input.inputValue()) === '', 'the input is cleared after Enter');
  await eventually('A\'s first message is sent (✓)', async () => (await messageStatus(A.page, first)) === 'sent');
  await A.page.waitForTimeout(1000);
  check((await messageStatus(A.page, first)) === 'sent', 'not delivered while B\'s page cannot read it');
  await bDevTools.send('Debugger.resume');
  await bDevTools.send('Debugger.disable');
  await eventually('A\'s first message is delivered (✓✓) once B\'s page has it', async () =>
    (await messageStatus(A.page, first)) === 'delivered');
  log('first message delivered only once B\'s page confirmed it (B online, chat closed)');

  await eventually('B\'s Messages badge shows 1 unread', async () =>
    (await B.page.getByTestId('unread-badge').textContent()) === '1',
  );
  await eventually('B\'s tab title counts the unread message', async () => (await B.page.title()) === '(1) Pulse');
  check((await messageStatus(A.page, first)) === 'delivered', 'not read while B has not opened the chat');

  await B.page.getByTestId('nav-messages').click();
  // a first message from someone B never talked to is filed under Requests
  await B.page.getByTestId('tab-requests').click();
  await B.page.getByTestId('request').filter({ hasText: 'Asha Verma' }).click();
  await B.page.waitForURL((url) => url.pathname === `/messages/${alice.username}` && url.search === '?tab=requests');
  await messageRow(B.page, first).waitFor();
  await eventually('A sees the blue read mark', async () => (await messageStatus(A.page, first)) === 'read');
  const readColor = await messageRow(A.page, first)
    .getByTestId('message-marks')
    .evaluate((el) => getComputedStyle(el).color);
  check(readColor === 'rgb(47, 128, 237)', `the read mark is ${readColor}, expected blue`);
  await eventually('B\'s unread badge is gone', async () => (await B.page.getByTestId('unread-badge').count()) === 0);
  await eventually('B\'s title has no count', async () => (await B.page.title()) === 'Chat with Asha Verma · Pulse');
  log('B opened the chat; A sees the read mark');

  await A.page.reload();
  await messageRow(A.page, first).waitFor({ timeout: 5000 });
  await eventually('after a reload the read mark is still there', async () => (await messageStatus(A.page, first)) === 'read');
  await A.page.waitForTimeout(500);
  check((await messageStatus(A.page, first)) === 'read', 'the read mark never goes back after a reload');
  log('A reloaded: the ticks came back from the server as they were');

  await markPage(B.page);
  const second = `Are you free for a call this weekend? ${suffix}`;
  await input.fill(second);
  await input.press('Enter');
  await messageRow(B.page, second).waitFor({ timeout: 5000 });
  await assertNotReloaded(B.page, 'live message');
  const announced = await B.page.getByTestId('chat-announcer').textContent();
  check(announced.includes(second), `the chat's live region announced "${announced}"`);
  await eventually('second message read at once (B has the chat open)', async () => (await messageStatus(A.page, second)) === 'read');
  log('second message appeared in B\'s open chat without a reload');

  const bInput = B.page.getByLabel('Message to Asha');
  await bInput.pressSequentially('Sounds lo', { delay: 40 });
  const typing = A.page.getByTestId('typing-indicator');
  await typing.waitFor({ timeout: 5000 });
  const typingText = await typing.textContent();
  check(/Bharat is typing/.test(typingText), `typing indicator reads "${typingText}"`);
  const stoppedAt = Date.now();
  await typing.waitFor({ state: 'hidden', timeout: 6000 });
  log(`typing shown on A's screen, gone ${Date.now() - stoppedAt} ms after B stopped`);

  await bInput.pressSequentially('vely, Saturday works', { delay: 30 });
  await typing.waitFor({ timeout: 5000 });
  const reply = `Sounds lovely, Saturday works`;
  await bInput.press('Enter');
  await messageRow(A.page, reply).waitFor({ timeout: 5000 });
  await typing.waitFor({ state: 'hidden', timeout: 1500 });
  log('B\'s reply arrived and the typing indicator went away with it');

  // ---- 4. A writes while B is offline; B logs in later and it is there --------------------------
  await B.page.getByRole('button', { name: 'Log out' }).click();
  await B.page.getByRole('button', { name: 'Log in' }).waitFor();
  await eventually('A sees B offline in the chat header', async () =>
    (await A.page.getByTestId('chat-presence').textContent()).includes('Offline'),
  GRACE_MS + 2000);
  const offline = `Looking forward to it, talk soon ${suffix}`;
  await input.fill(offline);
  await input.press('Enter');
  await eventually('message to offline B is sent (✓) but not delivered', async () => (await messageStatus(A.page, offline)) === 'sent');
  await A.page.waitForTimeout(500);
  check((await messageStatus(A.page, offline)) === 'sent', 'still only sent while B is offline');
  log('message to offline B shows a single ✓');

  await login(B.page, bob);
  await eventually('A sees the message delivered once B is back', async () => (await messageStatus(A.page, offline)) === 'delivered', 8000);
  await eventually('B has 1 unread', async () => (await B.page.getByTestId('unread-badge').textContent()) === '1');
  await B.page.goto(`/messages/${alice.username}`);
  await messageRow(B.page, offline).waitFor({ timeout: 5000 });
  check((await messageRow(B.page, first).count()) === 1, 'history shows the earlier messages once each');
  await eventually('and read once B opens the chat', async () => (await messageStatus(A.page, offline)) === 'read');
  log('B logged in later and found the message; A sees it delivered, then read');

  // ---- 5. A chosen status reaches the other side live -------------------------------------------
  await B.page.goto(`/profile/${alice.username}`);
  await eventually('B sees A online', async () => (await presenceText(B.page)).includes('Online now'));
  await markPage(B.page);
  await A.page.goto(`/profile/${alice.username}`);
  await A.page.getByText('Do not disturb').click();
  await A.page.getByLabel('Status note (optional)').fill('In a meeting');
  await A.page.getByRole('button', { name: 'Set status' }).click();
  await A.page.getByText('Status updated').waitFor();
  await eventually('B sees "Busy — In a meeting" on A\'s profile', async () =>
    (await presenceText(B.page)).includes('Busy — In a meeting'),
  );
  check((await profileBulb(B.page)) === 'busy', 'A\'s bulb shows busy');
  await assertNotReloaded(B.page, 'status change');
  await A.page.getByText('Available to chat').click();
  await A.page.getByRole('button', { name: 'Set status' }).click();
  await eventually('and "Online now" again', async () => (await presenceText(B.page)).includes('Online now'));
  log('A\'s busy status and note showed on B\'s screen without a reload');

  // ---- 6. Search reflects presence -----------------------------------------------------------
  await A.page.goto(`/search?q=${encodeURIComponent('Bharat')}&online=true`);
  const result = A.page.getByTestId('search-result').filter({ hasText: 'Bharat Rao' });
  await result.waitFor();
  check((await result.locator('[data-testid="status-bulb"]').getAttribute('data-status')) === 'online', 'search dot is green');
  const age = await result.locator('.result__age').textContent();
  check(/^\d+ years$/.test(age), `age reads "${age}"`);

  // Keyboard only: Tab reaches the navigation, the focus is visible, Enter follows the link.
  await A.page.goto('/');
  await A.page.getByTestId('profile-grid').waitFor();
  let focused = '';
  for (let i = 0; i < 12 && focused !== 'Search'; i++) {
    await A.page.keyboard.press('Tab');
    focused = await A.page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  }
  check(focused === 'Search', 'Tab reaches the Search link in the navigation');
  const ring = await A.page.evaluate(() => getComputedStyle(document.activeElement).boxShadow);
  check(ring && ring !== 'none', 'the focused link shows a focus ring');
  await A.page.keyboard.press('Enter');
  await A.page.waitForURL('**/search');
  log('keyboard navigation reaches and follows the nav links with a visible focus ring');

  // ---- 7. Screenshots -------------------------------------------------------------------------
  await screenshotsOf(A.page, 'dashboard', '/', (p) => p.getByTestId('profile-grid').waitFor());
  await screenshotsOf(A.page, 'search', '/search', (p) => p.getByTestId('search-results').waitFor());
  await screenshotsOf(A.page, 'profile', `/profile/${bob.username}`, (p) => p.getByTestId('presence-text').waitFor());
  await screenshotsOf(A.page, 'own-profile', `/profile/${alice.username}`, (p) => p.getByTestId('profile-editor').waitFor());
  await screenshotsOf(A.page, 'messages', `/messages/${bob.username}`, (p) => messageRow(p, offline).waitFor());
  await screenshotsOf(A.page, 'inbox', '/messages', (p) => p.getByTestId('conversation').first().waitFor());
  const guest = await browser.newContext({ viewport: DESKTOP, baseURL: BASE });
  const guestPage = await guest.newPage();
  await screenshotsOf(guestPage, 'login', '/login', (p) => p.getByRole('button', { name: 'Log in' }).waitFor());
  await screenshotsOf(guestPage, 'register', '/register', (p) => p.getByRole('button', { name: 'Create profile' }).waitFor());

  // ---- 8. Older history loads when scrolling up -----------------------------------------------
  // Fill the conversation past one page (30) through the REST API, each side under its burst limit.
  const post = (page, to, count, label) =>
    page.evaluate(
      async ({ to, count, label }) => {
        // the page keeps its token in memory only; the session cookie gets a fresh one
        const refreshed = await fetch('/api/auth/refresh', { method: 'POST' });
        const { token } = await refreshed.json();
        for (let i = 1; i <= count; i++) {
          const res = await fetch('/api/messages', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify({ to, message: `${label} ${i}`, clientId: `${label}-${i}` }),
          });
          if (res.status !== 201) throw new Error(`POST /api/messages answered ${res.status}: ${await res.text()}`);
        }
      },
      { to, count, label },
    );
  await post(A.page, bob.username, 18, 'history from Asha');
  await post(B.page, alice.username, 18, 'history from Bharat');
  await A.page.goto(`/messages/${bob.username}`);
  await messageRow(A.page, 'history from Bharat 18').waitFor();
  const total = 4 + 36;
  const shownFirst = await A.page.getByTestId('message').count();
  check(shownFirst < total, `the first page shows ${shownFirst} of ${total} messages, expected fewer`);
  check((await messageRow(A.page, first).count()) === 0, 'the oldest message is not on the first page');
  await A.page.getByTestId('chat-scroller').evaluate((el) => {
    el.scrollTop = 0;
  });
  await eventually('scrolling up loads the oldest messages', async () => (await A.page.getByTestId('message').count()) === total);
  await messageRow(A.page, first).waitFor();
  await A.page.getByText('This is the beginning of your conversation').waitFor();
  log(`history: ${shownFirst} messages first, all ${total} after scrolling up`);

  // ---- 9. The network drops: a banner, and a message written meanwhile goes out on reconnect --
  const C = await userPage('C');
  let networkDown = false;
  const routed = [];
  // polling requests fail while "down"; the WebSocket is passed through so the test can cut it
  await C.page.route('**/socket.io/**', (route) => (networkDown ? route.abort('internetdisconnected') : route.continue()));
  await C.page.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (networkDown) {
      ws.close();
      return;
    }
    const server = ws.connectToServer();
    const link = { page: ws, server, upgraded: false };
    // forwarded by hand to see the client's "5" (upgrade done): cutting a probe would only
    // leave the client on long-polling
    ws.onMessage((message) => {
      if (message === '5') link.upgraded = true;
      server.send(message);
    });
    server.onMessage((message) => ws.send(message));
    routed.push(link);
  });
  await login(C.page, alice);
  await C.page.goto(`/messages/${bob.username}`);
  const cInput = C.page.getByLabel('Message to Bharat');
  await cInput.waitFor();
  await eventually('A\'s second tab is on a WebSocket', async () => routed.some((link) => link.upgraded));
  networkDown = true;
  for (const { page, server } of routed) {
    await page.close();
    await server.close();
  }
  const banner = C.page.getByTestId('reconnecting-banner');
  await banner.waitFor({ timeout: 5000 });
  check((await banner.textContent()).includes('Reconnecting'), `the banner reads "${await banner.textContent()}"`);
  const whileDown = `Written while the network was down ${suffix}`;
  await cInput.fill(whileDown);
  await cInput.press('Enter');
  await messageRow(C.page, whileDown).waitFor();
  check((await messageStatus(C.page, whileDown)) === 'pending', 'a message written offline waits (pending)');
  log('connection cut: the banner shows and the new message waits');
  networkDown = false;
  await banner.waitFor({ state: 'hidden', timeout: 15_000 });
  await eventually('the waiting message goes out once reconnected', async () =>
    ['sent', 'delivered', 'read'].includes(await messageStatus(C.page, whileDown)), 10_000);
  await messageRow(A.page, whileDown).waitFor({ timeout: 5000 });
  check((await messageRow(C.page, whileDown).count()) === 1, 'the message shows once after the retry');
  log('reconnected: the banner is gone and the message reached the other tab');

  // ---- 10. In the background: a notification, a chime and the count in the tab title ----------
  const D = await userPage('D');
  await D.context.grantPermissions(['notifications'], { origin: BASE });
  await D.context.addInitScript(() => {
    // what the page would show and play, recorded; and a tab the test can send to the background
    window.__notifications = [];
    window.__notes = 0;
    const RealNotification = window.Notification;
    window.Notification = class extends RealNotification {
      constructor(title, options) {
        super(title, options);
        window.__notifications.push({ title, body: options?.body });
      }
    };
    const createOscillator = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (...args) {
      window.__notes += 1;
      return createOscillator.apply(this, args);
    };
    window.__hidden = false;
    Object.defineProperty(Document.prototype, 'visibilityState', {
      configurable: true,
      get: () => (window.__hidden ? 'hidden' : 'visible'),
    });
  });
  await login(D.page, bob);
  await D.page.getByTestId('profile-grid').waitFor();
  await D.page.mouse.click(5, 300); // a gesture: browsers only let a page play sound after one
  const unreadBefore = Number((await D.page.title()).match(/^\((\d+)\)/)?.[1] ?? 0);
  await D.page.evaluate(() => {
    window.__hidden = true;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const background = `Are you there? ${suffix}`;
  await input.fill(background);
  await input.press('Enter');
  await eventually('a notification for the new message', async () =>
    (await D.page.evaluate(() => window.__notifications)).some((n) => n.body === background));
  const note = (await D.page.evaluate(() => window.__notifications)).find((n) => n.body === background);
  check(note.title === `New message from ${alice.displayName}`, `the notification says "${note.title}"`);
  check((await D.page.evaluate(() => window.__notes)) > 0, 'a chime played');
  await eventually('the tab title counts one more unread', async () =>
    (await D.page.title()) === `(${unreadBefore + 1}) Pulse`);
  log(`in the background: notification "${note.title}", a chime, title "${await D.page.title()}"`);

  // ---- 11. Sessions: nothing readable by scripts, a reload stays signed in, the token renews --
  check((await A.page.evaluate(() => localStorage.getItem('pulse.token'))) === null, 'no token in localStorage');
  check(!(await A.page.evaluate(() => document.cookie)).includes('pulse_session'), 'the session cookie is HttpOnly');
  await A.page.reload();
  await waitForSignedIn(A.page, 'reloading A (the session cookie signs in again)');
  log('a reload stays signed in through the HttpOnly cookie; no token where scripts can read it');

  await eventually('E renewed its token in band on the socket it opened', async () =>
    eSockets.length > 0 && eSockets[0].renewals > 0 && eSockets[0].acked > 0, 75_000);
  await assertNotReloaded(E.page, 'E after renewing its token');
  check(eSockets.length === 1, `E opened ${eSockets.length} sockets; the renewal must not reconnect`);
  check(!(await E.page.getByRole('alert').count()), 'E shows no session notice');
  log(`E renewed its token ${eSockets[0].renewals} time(s) in band, on its one socket`);

  // Log out everywhere from the settings page: the other tab of the same person is signed out too
  const E2 = await E.context.newPage();
  await E2.goto('/');
  await waitForSignedIn(E2, 'E\'s second tab (same cookie)');
  // a background tab paints no frames, and a click waits for one
  await E.page.bringToFront();
  await E.page.goto('/settings');
  await assertLabelled(E.page, 'settings page');
  await E.page.getByRole('button', { name: 'Log out everywhere' }).click();
  await E.page.getByRole('button', { name: 'Log in' }).waitFor();
  await E2.getByRole('button', { name: 'Log in' }).waitFor({ timeout: 10_000 });
  log('"Log out everywhere" signed out both tabs');

  check(cspViolations.length === 0, `the Content-Security-Policy blocked:\n  ${cspViolations.join('\n  ')}`);
});
