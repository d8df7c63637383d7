// Interests in the browser: one sends, the other sees it arrive live and accepts, the first sees
// the answer live; the shortlist.
//
//   PULSE_URL=http://localhost:8000 node e2e/interests.test.mjs
import { check, eventually, log, main, newUserPage, register, screenshots, suffix } from './support.mjs';

const nila = {
  username: `nila_${suffix}`,
  password: 'correct-horse-1',
  displayName: 'Nila Menon',
  gender: 'female',
  dateOfBirth: '1996-02-11',
  city: 'Thrissur',
};
const arun = {
  username: `arun_${suffix}`,
  password: 'battery-staple-2',
  displayName: 'Arun Pillai',
  gender: 'male',
  dateOfBirth: '1993-10-30',
  city: 'Kollam',
};

await main(async (browser) => {
  const A = await newUserPage(browser, 'A');
  const B = await newUserPage(browser, 'B');
  await register(A.page, nila);
  await register(B.page, arun);

  // B waits on the "Interests received" view
  await B.page.getByTestId('nav-interests').click();
  await B.page.getByTestId('interest-list').waitFor();
  await B.page.getByRole('tab', { name: 'Interests received' }).waitFor();
  await B.page.evaluate(() => {
    window.__noReload = true;
  });

  // A sends an interest from B's profile
  await A.page.goto(`/profile/${arun.username}`);
  await A.page.getByTestId('send-interest').click();
  await eventually('A sees "Interest sent"', async () =>
    (await A.page.getByTestId('interest-state').textContent()) === 'Interest sent');
  log('A sent an interest');

  const row = B.page.locator(`[data-testid="interest-row"][data-username="${nila.username}"]`);
  await row.waitFor({ timeout: 10_000 });
  check((await row.getByTestId('interest-status').textContent()) === 'Waiting for an answer', 'pending in B\'s list');
  await eventually('B\'s Interests badge shows 1', async () =>
    (await B.page.getByTestId('interest-badge').textContent()) === '1');
  check(await B.page.evaluate(() => window.__noReload === true), 'B\'s page was not reloaded');
  log('B saw the interest arrive live, with a badge');
  await screenshots(B.page, 'interests-received', async (page) => {
    await row.waitFor();
  });

  await row.getByRole('button', { name: 'Accept' }).click();
  await eventually('A\'s profile view of B says accepted, live', async () =>
    (await A.page.getByTestId('interest-state').textContent()).includes('Interest accepted'));
  await eventually('B\'s badge is gone', async () => (await B.page.getByTestId('interest-badge').count()) === 0);
  log('B accepted; A saw it without reloading');
  await screenshots(A.page, 'interests-profile-actions', async (page) => {
    await page.getByTestId('interest-state').waitFor();
  });

  // A shortlists B, then finds B under Shortlisted; B's accepted view lists A
  await A.page.getByTestId('shortlist-button').click();
  await eventually('the button says shortlisted', async () =>
    (await A.page.getByTestId('shortlist-button').getAttribute('aria-pressed')) === 'true');
  await A.page.goto('/interests?tab=shortlisted');
  await A.page.locator(`[data-testid="interest-row"][data-username="${arun.username}"]`).waitFor();
  await B.page.getByRole('tab', { name: 'Accepted' }).click();
  await B.page.locator(`[data-testid="interest-row"][data-username="${nila.username}"]`).waitFor();
  await screenshots(A.page, 'interests-shortlisted', async (page) => {
    await page.getByTestId('interest-row').first().waitFor();
  });
  log('shortlist and accepted views list the other person');

  // ---- reports: from the profile and from the chat; the moderator reads them -----------------
  await A.page.goto(`/profile/${arun.username}`);
  await A.page.getByTestId('report-button').click();
  const dialog = A.page.getByRole('dialog', { name: `Report ${arun.displayName}` });
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await eventually('a report without a reason is refused in words', async () =>
    (await dialog.getByRole('alert').textContent()) === 'Choose a reason.');
  await dialog.getByLabel('Fake profile or photos').check();
  await dialog.getByLabel('Details (optional)').fill(`Photos from a magazine ${suffix}`);
  await screenshots(A.page, 'report-dialog', async () => {});
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await A.page.getByText('Our moderators will look at your report').waitFor();
  await A.page.getByRole('button', { name: 'Close' }).click();
  await A.page.goto(`/messages/${arun.username}`);
  await A.page.locator('.chat__header').getByTestId('report-button').click();
  const chatDialog = A.page.getByRole('dialog', { name: `Report ${arun.displayName}` });
  await chatDialog.getByLabel('Asking for money, a scam').check();
  await chatDialog.getByRole('button', { name: 'Send report' }).click();
  await A.page.getByText('Our moderators will look at your report').waitFor();
  log('A reported B from the profile and from the chat');

  await A.page.goto('/admin/reports');
  await A.page.getByText('Only moderators can see reports.').waitFor();
  const M = await newUserPage(browser, 'M');
  await M.page.goto('/login');
  await M.page.getByLabel('Username').fill('priya.sharma');
  await M.page.getByLabel('Password').fill('pulse-demo');
  await M.page.getByRole('button', { name: 'Log in' }).click();
  await M.page.getByRole('navigation', { name: 'Main' }).waitFor();
  await M.page.goto('/admin/reports');
  const table = M.page.getByTestId('reports-table');
  await table.waitFor();
  check((await table.locator('tbody tr').count()) === 2, 'the moderator sees both reports');
  check((await table.locator('tbody tr').first().textContent()).includes('Asking for money'), 'newest first');
  check((await table.textContent()).includes(`Photos from a magazine ${suffix}`), 'the details are shown');
  await screenshots(M.page, 'reports-admin', async () => {});
  log('the moderator reads both reports; a member is refused');
});
