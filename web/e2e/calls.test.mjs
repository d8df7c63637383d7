// End-to-end test of voice and video calls in two real headless Chromium contexts with fake
// camera and microphone, against a running Pulse server.
//
//   PULSE_URL=http://localhost:8000 CALL_RING_TIMEOUT_MS=8000 node e2e/calls.test.mjs
//
// Optional: SCREENSHOT_DIR (default ./target/screenshots), CHROMIUM_PATH (/usr/bin/chromium),
// CALL_RING_TIMEOUT_MS (the server's ring timeout, default 30000). Exits non-zero on the first
// failed check, after saving a screenshot of every open page.
import { BASE, check, eventually, log, login, main, newUserPage, registerByApi, screenshots, suffix } from './support.mjs';

const RING_MS = Number(process.env.CALL_RING_TIMEOUT_MS ?? 30000);
// two browsers with live video on a shared machine can be slow: be patient with each step
const STEP_MS = 30_000;

const PASSWORD = 'calls-are-fun-1';
const both = { password: PASSWORD, city: 'Chennai', religion: 'Hindu' };
const alice = { username: `meera_${suffix}`, displayName: 'Meera Iyer', gender: 'female', dateOfBirth: '1995-06-11', ...both };
const bob = { username: `kabir_${suffix}`, displayName: 'Kabir Singh', gender: 'male', dateOfBirth: '1992-01-23', ...both };

/** `user`'s page, signed in, with camera, microphone and notifications allowed. */
async function callerPage(browser, name, user) {
  const X = await newUserPage(browser, name, async (context) => {
    await context.grantPermissions(['camera', 'microphone', 'notifications'], { origin: BASE });
    await context.addInitScript(() => {
      // what the page would show as notifications, and a tab the test can send to the background
      window.__notifications = [];
      const RealNotification = window.Notification;
      window.Notification = class extends RealNotification {
        constructor(title, options) {
          super(title, options);
          window.__notifications.push({ title, body: options?.body });
        }
      };
      // every text the call screen's status line showed, in order: an ended screen closes by
      // itself after a few seconds, which a slow poll could miss
      window.__callStatuses = [];
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="call-status"]')?.textContent;
        if (text && window.__callStatuses.at(-1) !== text) window.__callStatuses.push(text);
      }).observe(document, { subtree: true, childList: true, characterData: true });
      window.__hidden = false;
      Object.defineProperty(Document.prototype, 'visibilityState', {
        configurable: true,
        get: () => (window.__hidden ? 'hidden' : 'visible'),
      });
    });
  });
  X.page.setDefaultTimeout(60_000); // and each Playwright step too
  await login(X.page, user);
  await X.page.mouse.click(5, 300); // a gesture: the ringtone may play after one
  return X;
}

const phase = (page) => page.getByTestId('call-screen').getAttribute('data-phase', { timeout: 5000 });
const callStatus = (page) => page.getByTestId('call-status').textContent({ timeout: 5000 });
/** True once the call screen's status line has shown `text` on this page. */
const showed = (page, text) => page.evaluate((t) => window.__callStatuses.includes(t), text);

/** The peer connection's state and the video bytes received so far (getStats, inbound-rtp). */
async function media(page) {
  return page.evaluate(async () => {
    const pc = window.pulseCall?.pc;
    if (!pc) return { state: 'none', videoBytes: 0 };
    let videoBytes = 0;
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') videoBytes += s.bytesReceived ?? 0;
    });
    return { state: pc.connectionState, videoBytes };
  });
}

/** Screenshots of the call screen as it is, at both sizes. */
const shoot = (page, label) => screenshots(page, label, (p) => p.waitForTimeout(300));

async function openChat(page, other) {
  await page.goto(`/messages/${other.username}`);
  await page.getByTestId('chat-view').waitFor();
}

async function run(browser) {
  await registerByApi(alice);
  await registerByApi(bob);
  const A = await callerPage(browser, 'A', alice);
  const B = await callerPage(browser, 'B', bob);

  // ---- 1. A video-calls B from the chat header; B's screen rings ------------------------------
  await openChat(A.page, bob);
  await A.page.getByRole('button', { name: 'Video call Kabir' }).click();
  await eventually('A sees "Ringing…"', async () => (await callStatus(A.page)) === 'Ringing…', STEP_MS);
  const incoming = B.page.getByTestId('incoming-call');
  await incoming.waitFor();
  // the username at once, the name once the profile is read
  await eventually('the caller is named', async () =>
    (await B.page.getByTestId('incoming-call-name').textContent()) === alice.displayName, STEP_MS);
  check(
    (await B.page.getByRole('alertdialog').getByText('Incoming video call…').count()) === 1,
    'the incoming screen says it is a video call',
  );
  check(
    await B.page.evaluate(() => document.activeElement?.dataset?.testid === 'accept-call'),
    'the keyboard focus is on Accept',
  );
  log('B rings: the incoming-call screen names the caller, focus on Accept');
  await shoot(B.page, 'call-incoming');
  await shoot(A.page, 'call-ringing');

  // ---- 2. B accepts with the keyboard; both connections reach "connected", video flows ------
  await B.page.keyboard.press('Enter');
  for (const X of [A, B]) {
    await eventually(`${X.name}'s RTCPeerConnection is connected`, async () => (await media(X.page)).state === 'connected', 20_000);
    await eventually(`${X.name}'s call screen is active`, async () => (await phase(X.page)) === 'active', STEP_MS);
  }
  const before = { A: await media(A.page), B: await media(B.page) };
  await eventually(
    'inbound video bytes grow on both sides',
    async () => {
      const a = await media(A.page);
      const b = await media(B.page);
      return a.videoBytes > before.A.videoBytes + 10_000 && b.videoBytes > before.B.videoBytes + 10_000 && { a, b };
    },
    15_000,
  );
  const grown = { A: await media(A.page), B: await media(B.page) };
  log(`both connected; inbound video bytes A ${before.A.videoBytes} -> ${grown.A.videoBytes}, B ${before.B.videoBytes} -> ${grown.B.videoBytes}`);
  await eventually('the timer counts', async () => /^\d\d:\d\d$/.test(await callStatus(A.page)), STEP_MS);
  check((await A.page.getByTestId('local-video').count()) === 1, 'A sees their own preview');

  // mute and camera, by keyboard: Tab reaches the controls, Space presses them
  const mute = A.page.getByTestId('mute-button');
  await mute.focus();
  await A.page.keyboard.press('Space');
  check((await mute.getAttribute('aria-pressed')) === 'true', 'mute is pressed');
  check(await A.page.evaluate(() => window.pulseCall.localStream.getAudioTracks().every((t) => !t.enabled)), 'the microphone track is off');
  await A.page.keyboard.press('Tab');
  check(await A.page.evaluate(() => document.activeElement?.dataset?.testid === 'camera-button'), 'Tab goes to the camera button');
  await A.page.keyboard.press('Space');
  check(await A.page.evaluate(() => window.pulseCall.localStream.getVideoTracks().every((t) => !t.enabled)), 'the camera track is off');
  await A.page.keyboard.press('Space');
  await mute.click();
  await shoot(B.page, 'call-in-call');
  await shoot(A.page, 'call-in-call-caller');
  log('mute and camera toggle; in-call screenshots taken');

  // ---- 3. A hangs up: both screens end --------------------------------------------------------
  await A.page.getByTestId('hangup-button').click();
  await eventually('B sees that A hung up', () => showed(B.page, 'Meera hung up'), STEP_MS);
  check(await showed(A.page, 'Call ended'), 'A sees "Call ended"');
  check((await media(A.page)).state === 'none', 'A closed the peer connection');
  await eventually('B closed the peer connection', async () => (await media(B.page)).state === 'none', STEP_MS);
  await shoot(B.page, 'call-ended');
  // the ended screen closes by itself after a few seconds; Close closes it at once
  const close = B.page.getByTestId('close-call');
  if (await close.isVisible()) await close.click({ timeout: 2000 }).catch(() => {});
  await B.page.getByTestId('call-screen').waitFor({ state: 'detached' });
  await A.page.getByTestId('call-screen').waitFor({ state: 'detached' });
  const answered = A.page.getByTestId('call-entry').filter({ has: A.page.getByText(/^Video call · 0:\d\d$/) });
  await answered.waitFor();
  log(`hang up ends both screens; the chat shows "${await answered.getByTestId('call-entry-text').textContent()}"`);

  // ---- 4. A voice-calls from B's profile; B declines (Escape) ---------------------------------
  await A.page.goto(`/profile/${bob.username}`);
  await A.page.getByRole('button', { name: 'Voice call Kabir' }).click();
  await incoming.waitFor();
  check((await B.page.getByRole('alertdialog').getByText('Incoming voice call…').count()) === 1, 'a voice call');
  await B.page.keyboard.press('Escape');
  await eventually('A hears the decline', () => showed(A.page, 'Kabir declined the call'), STEP_MS);
  await openChat(A.page, bob);
  await A.page.locator('[data-testid="call-entry"][data-reason="declined"]').waitFor();
  check(
    (await A.page.locator('[data-testid="call-entry"][data-reason="declined"] [data-testid="call-entry-text"]').textContent()) ===
      'Voice call · Declined',
    'the caller\'s chat says the voice call was declined',
  );
  log('decline (Escape on the incoming screen) shows in the chat');

  // ---- 5. Nobody answers: missed, with a notification while the tab is hidden ----------------
  await B.page.goto('/');
  await B.page.getByTestId('profile-grid').waitFor();
  await B.page.evaluate(() => {
    window.__hidden = true;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await A.page.getByRole('button', { name: 'Video call Kabir' }).click();
  await eventually('B is notified of the call while the tab is hidden', async () =>
    (await B.page.evaluate(() => window.__notifications)).find((n) => n.title === 'Incoming video call'), STEP_MS);
  const note = (await B.page.evaluate(() => window.__notifications)).find((n) => n.title === 'Incoming video call');
  check(note.body === `${alice.displayName} is calling you`, `the notification says "${note.body}"`);
  await eventually('A hears there was no answer', () => showed(A.page, 'Kabir did not answer'), RING_MS + 10_000);
  await eventually('B stops ringing and says the call was missed', () => showed(B.page, 'Missed call from Meera'), STEP_MS);
  await B.page.evaluate(() => {
    window.__hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await B.page.goto('/messages');
  const conversation = B.page.locator(`[data-testid="conversation"][data-username="${alice.username}"]`);
  await conversation.waitFor();
  check((await conversation.getByTestId('conversation-unread').textContent()) === '1', 'the missed call counts as one unread');
  await openChat(B.page, alice);
  const missed = B.page.locator('[data-testid="call-entry"][data-reason="missed"] [data-testid="call-entry-text"]');
  await missed.waitFor();
  check((await missed.textContent()) === 'Missed video call', `B's chat says "${await missed.textContent()}"`);
  log('missed: notification in the background, "Missed video call" in the chat, counted unread');
}

await main(run, {
  args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
  failureShots: 'calls-failure',
  // where the call and its buttons stood when a step failed
  describe: async (page) =>
    JSON.stringify(
      await page.evaluate(() => ({
        call: window.pulseCall?.state?.phase,
        buttons: [...document.querySelectorAll('button')].map(
          (b) => `${b.getAttribute('aria-label') ?? b.textContent}${b.disabled ? ' (disabled)' : ''}`,
        ),
      })),
    ),
});
