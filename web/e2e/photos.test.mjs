// Photos in the browser: upload, choose the profile photo, and see it where others see you.
//
//   PULSE_URL=http://localhost:8000 PHOTO_PORTRAIT=a.jpg PHOTO_LANDSCAPE=b.png node e2e/photos.test.mjs
import { check, eventually, imagesLoaded, log, main, newUserPage, register, screenshots, suffix } from './support.mjs';

const PORTRAIT = process.env.PHOTO_PORTRAIT;
const LANDSCAPE = process.env.PHOTO_LANDSCAPE;
if (!PORTRAIT || !LANDSCAPE) {
  console.error('PHOTO_PORTRAIT and PHOTO_LANDSCAPE must name a JPEG and a PNG to upload');
  process.exit(2);
}

const meera = {
  username: `meera_${suffix}`,
  password: 'correct-horse-1',
  displayName: 'Meera Nair',
  gender: 'female',
  dateOfBirth: '1995-07-21',
  city: 'Kochi',
};
const kabir = {
  username: `kabir_${suffix}`,
  password: 'battery-staple-2',
  displayName: 'Kabir Shah',
  gender: 'male',
  dateOfBirth: '1992-01-09',
  city: 'Ahmedabad',
};

const cardImage = (username) => `[data-testid="profile-card"][data-username="${username}"] img.avatar__img`;

await main(async (browser) => {
  const A = await newUserPage(browser, 'A');
  const B = await newUserPage(browser, 'B');
  await register(A.page, meera);
  await register(B.page, kabir);

  // ---- demo members: drawn portraits, all loaded, not all the same ---------------------------
  await B.page.goto('/');
  await B.page.getByTestId('profile-grid').waitFor();
  await eventually('every card picture on the dashboard loads', () => imagesLoaded(B.page, '.profile-card img.avatar__img'));
  const sources = await B.page.$$eval('.profile-card img.avatar__img', (imgs) => imgs.map((i) => i.getAttribute('src')));
  const portraits = await Promise.all(
    sources.slice(0, 8).map((src) => B.page.evaluate((u) => fetch(u).then((r) => r.text()), src)),
  );
  check(new Set(portraits).size >= 6, `the first 8 cards show only ${new Set(portraits).size} different pictures`);
  check(portraits.every((svg) => svg.includes('<ellipse') && !svg.includes('<text')), 'demo pictures are drawn faces');
  log(`dashboard: ${sources.length} card pictures loaded, ${new Set(portraits).size} of the first 8 differ`);

  // ---- A uploads a portrait: it becomes the profile photo -------------------------------------
  await A.page.goto(`/profile/${meera.username}`);
  const manager = A.page.getByTestId('photo-manager');
  await manager.getByRole('button', { name: 'Upload a photo' }).waitFor();
  await A.page.getByTestId('photo-input').setInputFiles(PORTRAIT);
  await eventually('the upload shows as the profile photo', async () =>
    (await A.page.locator('[data-testid="my-photo"][data-profile="true"]').count()) === 1, 20_000);
  await A.page.getByTestId('photo-input').setInputFiles(LANDSCAPE);
  await eventually('a second photo joins the gallery', async () =>
    (await A.page.getByTestId('my-photo').count()) === 2, 20_000);
  check((await A.page.locator('[data-testid="my-photo"][data-profile="true"]').count()) === 1, 'one profile photo');
  const topBarSrc = await A.page.locator('.topbar img.avatar__img').getAttribute('src');
  check(/^\/api\/photos\/[\w-]{22}\/thumb\.jpg$/.test(topBarSrc), `the top bar shows the photo (src ${topBarSrc})`);
  const headerSrc = await A.page.locator('.profile-header img.avatar__img').getAttribute('src');
  check(headerSrc === topBarSrc, `the profile header shows the photo (src ${headerSrc})`);
  log('A uploaded a profile photo and a gallery photo');
  await screenshots(A.page, 'photos-own-profile', async (page) => {
    await page.goto(`/profile/${meera.username}`);
    await eventually('my photos load', () => imagesLoaded(page, '[data-testid="my-photo"] img'));
  });

  // a file that is not a photo is refused in words, and nothing changes
  await A.page.getByTestId('photo-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') });
  await eventually('a refusal in words', async () =>
    (await manager.getByRole('alert').textContent()) === 'Choose a JPEG, PNG or WebP photo.');
  check((await A.page.getByTestId('my-photo').count()) === 2, 'still two photos');

  // ---- B sees it on the card, the profile (with the gallery) and the chat header --------------
  await B.page.goto('/');
  await B.page.locator(cardImage(meera.username)).waitFor();
  check((await B.page.locator(cardImage(meera.username)).getAttribute('src')) === topBarSrc, 'B\'s card of A shows the photo');
  await eventually('the card photo loads', () => imagesLoaded(B.page, cardImage(meera.username)));
  await screenshots(B.page, 'photos-dashboard', async (page) => {
    await page.goto('/');
    await page.getByTestId('profile-grid').waitFor();
    await eventually('card pictures load', () => imagesLoaded(page, '.profile-card img.avatar__img'));
  });

  await B.page.goto(`/profile/${meera.username}`);
  const gallery = B.page.getByTestId('photo-gallery');
  await gallery.waitFor();
  check((await gallery.getByRole('button').count()) === 2, 'the gallery shows both photos');
  await gallery.getByRole('button').nth(1).click();
  const large = B.page.locator('.photo-gallery__dialog img');
  await large.waitFor();
  await eventually('the large photo loads', () => imagesLoaded(B.page, '.photo-gallery__dialog img'));
  const size = await large.evaluate((img) => [img.naturalWidth, img.naturalHeight]);
  check(size[0] === 1024 && size[1] === 576, `the large photo is ${size.join('x')}, expected 1024x576`);
  await B.page.getByRole('button', { name: 'Close' }).click();
  log(`B sees A's gallery; the large landscape is ${size.join('x')}`);
  await screenshots(B.page, 'photos-profile', async (page) => {
    await page.goto(`/profile/${meera.username}`);
    await eventually('profile pictures load', () => imagesLoaded(page, '.page--profile img'));
  });

  await B.page.getByTestId('message-button').click();
  await B.page.waitForURL(`**/messages/${meera.username}`);
  const chatAvatar = B.page.locator('[data-testid="chat-view"] img.avatar__img').first();
  await eventually('the chat header shows A\'s photo', async () => (await chatAvatar.getAttribute('src')) === topBarSrc);
  log('the chat header shows the photo');
});
