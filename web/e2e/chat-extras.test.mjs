// Replies, reactions and photos in the chat, between two people in two browsers.
//
//   PULSE_URL=http://localhost:8000 CHAT_PHOTO=photo.jpg node e2e/chat-extras.test.mjs
import {
  BASE,
  PHONE,
  SHOTS,
  check,
  eventually,
  imagesLoaded,
  log,
  main,
  newUserPage,
  register,
  screenshots,
  suffix,
} from './support.mjs';
import path from 'node:path';

const PHOTO = process.env.CHAT_PHOTO;
if (!PHOTO) {
  console.error('CHAT_PHOTO must name a JPEG to send');
  process.exit(2);
}

const asha = {
  username: `asha_${suffix}`,
  password: 'correct-horse-1',
  displayName: 'Asha Verma',
  gender: 'female',
  dateOfBirth: '1996-03-14',
  city: 'Jaipur',
};
const bharat = {
  username: `bharat_${suffix}`,
  password: 'battery-staple-2',
  displayName: 'Bharat Rao',
  gender: 'male',
  dateOfBirth: '1993-11-02',
  city: 'Mysuru',
};

const row = (page, text) => page.getByTestId('message').filter({ hasText: text });
const byId = (page, id) => page.locator(`[data-testid="message"][data-id="${id}"]`);
const REPLY = { name: 'Reply', exact: true };
const REACT = { name: 'React', exact: true };

await main(async (browser) => {
  const A = await newUserPage(browser, 'A');
  const B = await newUserPage(browser, 'B');
  await register(A.page, asha);
  await register(B.page, bharat);

  // B writes first, from A's profile
  await B.page.goto(`/profile/${asha.username}`);
  await B.page.getByTestId('message-button').click();
  await B.page.waitForURL(`**/messages/${asha.username}`);
  const question = `Would your family like to meet over chai this Sunday? ${suffix}`;
  await B.page.getByLabel('Message to Asha').fill(question);
  await B.page.getByLabel('Message to Asha').press('Enter');

  await A.page.goto(`/messages/${bharat.username}`);
  await row(A.page, question).waitFor();
  // the reply quotes the whole question, so the original is found by its id from here on
  const questionId = await row(A.page, question).getAttribute('data-id');
  const original = byId(A.page, questionId);

  // ---- A replies, quoting it, with the keyboard: focus the message, Reply, type, Enter --------
  await original.hover();
  await original.getByRole('button', REPLY).focus();
  await A.page.keyboard.press('Enter');
  const bar = A.page.getByTestId('reply-bar');
  await bar.waitFor();
  check((await bar.textContent()).includes('Replying to Bharat'), `the quote bar names whom: ${await bar.textContent()}`);
  const input = A.page.getByLabel('Message to Bharat');
  check(await input.evaluate((el) => el === document.activeElement), 'the composer has the focus for the reply');
  // cancel, then reply again: the bar goes and comes back
  await A.page.getByRole('button', { name: 'Cancel reply' }).click();
  check((await bar.count()) === 0, 'cancel removes the quote bar');
  await original.hover();
  await original.getByRole('button', REPLY).click();
  await bar.waitFor();
  const answer = `Yes, Sunday at 5 suits us ${suffix}`;
  await input.fill(answer);
  await input.press('Enter');
  check((await bar.count()) === 0, 'the quote bar goes once the reply is sent');
  const mine = row(A.page, answer);
  await eventually('A\'s reply is sent', async () => (await mine.getAttribute('data-status')) !== 'pending');
  check((await mine.getByTestId('reply-quote').textContent()).includes('Would your family'), 'A\'s reply shows the quote');
  log('A replied to B\'s message, quoting it');

  // ---- A reacts to B's message ------------------------------------------------------------------
  await original.hover();
  await original.getByRole('button', REACT).click();
  await A.page.getByTestId('reaction-picker').getByRole('button', { name: 'React with ❤️' }).click();
  await eventually('A sees her heart under B\'s message', async () =>
    (await original.locator('[data-testid="reaction"][data-emoji="❤️"]').count()) === 1);

  // ---- B sees the quote and the reaction live ----------------------------------------------------
  const reply = row(B.page, answer);
  await reply.waitFor();
  const quote = reply.getByTestId('reply-quote');
  check((await quote.textContent()).includes('You'), `B's quote says it was his message: ${await quote.textContent()}`);
  check((await quote.textContent()).includes('Would your family like to meet'), 'B sees the quoted text');
  const bQuestion = byId(B.page, questionId);
  await eventually('B sees A\'s reaction on his message, live', async () =>
    (await bQuestion.locator(`[data-testid="reaction"][data-emoji="❤️"][data-by="${asha.username}"]`).count()) === 1);
  // choosing the quote brings the original into view
  await quote.click();
  await eventually('the original is marked after choosing the quote', async () =>
    (await bQuestion.getAttribute('class')).includes('bubble-row--flash'), 3000);
  log('B saw the quote and the reaction live');

  // B reacts too, with the keyboard; A sees it
  await B.page.goto(`/messages/${asha.username}`);
  const bReply = row(B.page, answer);
  await bReply.waitFor();
  await bReply.getByRole('button', REACT).focus();
  await B.page.keyboard.press('Enter');
  await B.page.getByTestId('reaction-picker').getByRole('button', { name: 'React with 🙏' }).waitFor();
  await B.page.keyboard.press('Tab');
  await B.page.keyboard.press('Tab');
  await B.page.keyboard.press('Tab');
  await B.page.keyboard.press('Tab');
  await B.page.keyboard.press('Tab');
  await B.page.keyboard.press('Enter');
  await eventually('A sees B\'s 🙏 on her reply', async () =>
    (await mine.locator(`[data-testid="reaction"][data-emoji="🙏"][data-by="${bharat.username}"]`).count()) === 1);
  // and after a reload it is still there (kept, from history)
  await A.page.reload();
  await row(A.page, answer).locator('[data-testid="reaction"][data-emoji="🙏"]').waitFor();
  await byId(A.page, questionId).locator('[data-testid="reaction"][data-emoji="❤️"]').waitFor();
  log('reactions went both ways and survive a reload');

  // ---- A sends a photo; B sees it and opens it larger -------------------------------------------
  await A.page.getByTestId('chat-photo-input').setInputFiles(PHOTO);
  const aPhoto = A.page.getByTestId('message').filter({ has: A.page.getByTestId('chat-photo') });
  await aPhoto.waitFor({ timeout: 20_000 });
  await eventually('A\'s photo is sent', async () => (await aPhoto.getAttribute('data-status')) !== 'pending', 20_000);
  const bPhoto = B.page.getByTestId('message').filter({ has: B.page.getByTestId('chat-photo') });
  await bPhoto.waitFor({ timeout: 20_000 });
  await eventually('B\'s photo thumbnail loads', () => imagesLoaded(B.page, '[data-testid="chat-photo-thumb"]'), 30_000);
  const thumbSrc = await B.page.getByTestId('chat-photo-thumb').getAttribute('src');
  check(thumbSrc.startsWith('blob:'), `the photo is fetched with the token (src ${thumbSrc})`);
  await B.page.getByTestId('chat-photo').click();
  const dialog = B.page.getByTestId('chat-photo-dialog');
  await eventually('the large photo opens', () => imagesLoaded(B.page, '[data-testid="chat-photo-dialog"] img'), 30_000);
  const width = await dialog.locator('img').evaluate((img) => img.naturalWidth);
  check(width > 256, `the dialog shows the large photo (${width} px wide)`);
  await B.page.keyboard.press('Escape');
  check(!(await dialog.evaluate((d) => d.open)), 'Escape closes the photo');
  // the conversation list says "Photo"
  await B.page.getByTestId('nav-messages').click();
  const preview = B.page.getByTestId('conversation').filter({ hasText: 'Asha Verma' });
  await eventually('B\'s conversation list says Photo', async () => (await preview.textContent()).includes('📷 Photo'));
  log('A sent a photo; B saw the thumbnail, the large photo and "Photo" in the list');

  await screenshots(B.page, 'chat-extras-b', async (page) => {
    await page.goto(`/messages/${asha.username}`);
    await eventually('the photo shows', () => imagesLoaded(page, '[data-testid="chat-photo-thumb"]'), 30_000);
    await page.getByTestId('chat-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
  });
  await screenshots(A.page, 'chat-extras-a', async (page) => {
    await page.goto(`/messages/${bharat.username}`);
    await eventually('the photo shows', () => imagesLoaded(page, '[data-testid="chat-photo-thumb"]'), 30_000);
    const q = byId(page, questionId);
    await q.hover();
    await q.getByRole('button', REPLY).click();
    await q.getByRole('button', REACT).click();
    await page.getByTestId('reaction-picker').waitFor();
  });

  // a touch phone has no hover: Reply and React show beside every message
  const phone = await browser.newContext({
    viewport: PHONE,
    hasTouch: true,
    isMobile: true,
    baseURL: BASE,
    storageState: await B.context.storageState(),
  });
  const P = await phone.newPage();
  await P.goto(`/messages/${asha.username}`);
  const pReply = row(P, answer);
  await pReply.waitFor({ timeout: 20_000 });
  const opacity = await pReply.getByTestId('message-actions').evaluate((el) => getComputedStyle(el).opacity);
  check(opacity === '1', `Reply and React show on a touch screen (opacity ${opacity})`);
  await pReply.getByRole('button', REPLY).tap();
  await P.getByTestId('reply-bar').waitFor();
  await eventually('the photo shows on the phone', () => imagesLoaded(P, '[data-testid="chat-photo-thumb"]'), 30_000);
  const file = path.join(SHOTS, 'chat-extras-touch-390x844.png');
  await P.screenshot({ path: file });
  log(`screenshot ${file}`);
});
