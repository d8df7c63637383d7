// The fixes from the walkthrough, checked in the browser: deep links survive login, page
// titles, registration errors in words beside the field, "Welcome" for a new account, the
// focus ring and skip link, no live online count, and an axe-core accessibility scan of every
// page with no serious or critical violation (contrast included).
//
//   PULSE_URL=http://localhost:8000 node e2e/walkthrough.test.mjs
import { axeProblems, check, eventually, log, main, newUserPage, screenshots, suffix } from './support.mjs';

async function login(page, username, password = 'pulse-demo') {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

const problems = [];
async function scan(page, where) {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300);
    const found = await axeProblems(page);
    found.forEach((p) => problems.push(`${where} at ${viewport.width}: ${p}`));
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

await main(async (browser) => {
  const V = await newUserPage(browser, 'visitor');

  // ---- deep links land where they pointed after logging in -------------------------------------
  await V.page.goto('/search?city=Pune&online=false');
  await V.page.waitForURL('**/login');
  await eventually('the login page names itself', async () => (await V.page.title()) === 'Log in · Pulse');
  await scan(V.page, 'login');
  await login(V.page, 'priya.sharma');
  await V.page.waitForURL((url) => url.pathname === '/search' && url.search.includes('city=Pune'));
  log(`after login the visitor is at ${V.page.url()}`);
  await V.page.context().clearCookies();
  await V.page.evaluate(() => localStorage.clear());
  await V.page.goto('/profile/arjun_m');
  await V.page.waitForURL('**/login');
  await login(V.page, 'priya.sharma');
  await V.page.waitForURL('**/profile/arjun_m');
  await V.page.getByTestId('profile-name').waitFor();
  log('a deep link to a profile survives login too');

  // ---- each page names itself ------------------------------------------------------------------
  const titles = {};
  for (const [path, ready] of [
    ['/', (p) => p.getByTestId('profile-grid').waitFor()],
    ['/search', (p) => p.getByRole('heading', { level: 1 }).first().waitFor()],
    ['/messages', (p) => p.locator('.messages').waitFor()],
    ['/profile/arjun_m', (p) => p.getByTestId('profile-name').waitFor()],
    ['/profile/priya.sharma', (p) => p.getByTestId('profile-editor').waitFor()],
    ['/interests', (p) => p.getByTestId('interest-list').waitFor()],
    ['/no/such/page', (p) => p.locator('main').waitFor()],
  ]) {
    await V.page.goto(path);
    await ready(V.page);
    await eventually(`a title for ${path}`, async () => (await V.page.title()) !== '');
    titles[path] = await V.page.title();
    await scan(V.page, path);
  }
  log(`titles: ${JSON.stringify(titles)}`);
  check(titles['/'] === 'Pulse', `dashboard: ${titles['/']}`);
  check(titles['/search'] === 'Search · Pulse', `search: ${titles['/search']}`);
  check(titles['/messages'] === 'Messages · Pulse', `messages: ${titles['/messages']}`);
  check(titles['/profile/arjun_m'] === 'Arjun Menon · Pulse', `profile: ${titles['/profile/arjun_m']}`);
  check(titles['/profile/priya.sharma'] === 'Your profile · Pulse', `own profile: ${titles['/profile/priya.sharma']}`);
  check(titles['/interests'] === 'Interests received · Pulse', `interests: ${titles['/interests']}`);
  check(titles['/no/such/page'] === 'Page not found · Pulse', `not found: ${titles['/no/such/page']}`);
  check(new Set(Object.values(titles)).size === Object.keys(titles).length, 'every page has its own title');

  // a chat
  await V.page.goto('/messages/arjun_m');
  await V.page.getByTestId('chat-view').waitFor();
  await eventually('the chat names its partner in the title', async () => (await V.page.title()) === 'Chat with Arjun Menon · Pulse');
  await scan(V.page, '/messages/arjun_m');

  // ---- the online count is not a live region; focus ring and skip link are visible -------------
  check((await V.page.getByTestId('online-pill').getAttribute('aria-live')) === null, 'the online pill is not aria-live');
  check((await V.page.locator('[aria-live] [data-testid="online-count"]').count()) === 0, 'no live region around the count');
  await V.page.goto('/');
  await V.page.getByTestId('profile-grid').waitFor();
  await V.page.keyboard.press('Tab');
  const skip = V.page.getByRole('link', { name: 'Skip to content' });
  check(await skip.evaluate((el) => el === document.activeElement), 'the first Tab reaches the skip link');
  // it slides in (a short transition), so it is measured once it has arrived
  await eventually('the skip link is on screen', async () => {
    const b = await skip.boundingBox();
    return b && b.y >= 0 && b.y + b.height <= 800;
  });
  const skipOnTop = await skip.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el;
  });
  check(skipOnTop, 'nothing covers the skip link');
  await screenshots(V.page, 'walkthrough-skip-link', async () => {
    await V.page.keyboard.press('Shift+Tab');
    await V.page.keyboard.press('Tab');
  });
  const firstCard = V.page.locator('.profile-card__link').first();
  await firstCard.focus();
  await V.page.keyboard.press('Shift+Tab');
  await V.page.keyboard.press('Tab');
  // the card's shadow is animated: wait for the end of the transition
  await eventually('the focused card shows the whole focus ring', async () =>
    (await V.page.locator('.profile-card').first().evaluate((el) => getComputedStyle(el).boxShadow))
      .startsWith('rgba(242, 165, 65, 0.65) 0px 0px 0px 3px'));
  await screenshots(V.page, 'walkthrough-card-focus', async () => {
    await firstCard.focus();
  });
  log('skip link and card focus ring are fully visible');

  // ---- registration: errors in words beside the field; a new member is welcomed ---------------
  const N = await newUserPage(browser, 'new');
  await N.page.goto('/register');
  await eventually('the registration page names itself', async () =>
    (await N.page.title()) === 'Create your profile · Pulse');
  await scan(N.page, 'register');
  const username = `kavya_${suffix}`;
  await N.page.getByLabel('Username').fill(username);
  await N.page.getByLabel('Password').fill('correct-horse-9');
  await N.page.getByLabel('Full name').fill('Kavya Rao');
  await N.page.getByLabel('Gender').selectOption('female');
  const young = new Date();
  young.setFullYear(young.getFullYear() - 17);
  await N.page.getByLabel('Date of birth').fill(young.toISOString().slice(0, 10));
  await N.page.getByLabel('City').fill('Mysuru');
  await N.page.getByRole('button', { name: 'Create profile' }).click();
  const dobError = N.page.locator('.field', { has: N.page.getByLabel('Date of birth') }).getByTestId('field-error');
  await dobError.waitFor();
  check((await dobError.textContent()) === 'You must be at least 18 to join Pulse.', `the error reads "${await dobError.textContent()}"`);
  check((await N.page.getByLabel('Date of birth').getAttribute('aria-invalid')) === 'true', 'the field is marked invalid');
  check(N.page.url().endsWith('/register'), 'still on the form');
  await screenshots(N.page, 'walkthrough-register-error', async () => {});
  // a taken username is said beside the username
  await N.page.getByLabel('Date of birth').fill('1996-05-04');
  await N.page.getByLabel('Username').fill('priya.sharma');
  await N.page.getByRole('button', { name: 'Create profile' }).click();
  const nameError = N.page.locator('.field', { has: N.page.getByLabel('Username') }).getByTestId('field-error');
  await nameError.waitFor();
  check((await nameError.textContent()) === 'That username is taken; please choose another.', `"${await nameError.textContent()}"`);
  await N.page.getByLabel('Username').fill(username);
  await N.page.getByRole('button', { name: 'Create profile' }).click();
  await N.page.getByRole('navigation', { name: 'Main' }).waitFor();
  const greeting = await N.page.getByRole('heading', { level: 1 }).textContent();
  check(greeting === 'Welcome, Kavya', `a new member is greeted "${greeting}"`);
  log(`registration errors beside the field; greeting "${greeting}"`);

  check(problems.length === 0, `accessibility (axe-core) found serious problems:\n  ${problems.join('\n  ')}`);
  log('axe-core: no serious or critical violations on any page at either size');
});
