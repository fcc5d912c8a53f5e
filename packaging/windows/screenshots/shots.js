// Takes the screenshots of packaging/windows/README.txt's three steps in VS Code (code-server,
// the VS Code workbench served to a browser) with headless Chromium: see README.md here.
const { chromium } = require('playwright-core');
// Env: GOUJI_SHOTS_URL (code-server, default http://127.0.0.1:18080), GOUJI_SHOTS_FOLDER (the
// folder opened, with example.txt in it), GOUJI_SHOTS_VSIX (the package installed),
// GOUJI_SHOTS_OUT (where the PNGs go), CHROMIUM (default /usr/bin/chromium).
const env = process.env;
const url = env.GOUJI_SHOTS_URL || 'http://127.0.0.1:18080';
const out = env.GOUJI_SHOTS_OUT || '.';
const names = { '1-install-menu': 'step1-install', '1c-installed': 'step1-installed', '2-draft': 'step2-open',
  '3-hover': 'step3-diagnostic', '3b-problems': 'step3-problems' };
const S = n => `${out}/${names[n]}.png`;
(async () => {
  const browser = await chromium.launch({ executablePath: env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  await page.goto(`${url}/?folder=${encodeURIComponent(env.GOUJI_SHOTS_FOLDER)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForTimeout(5000);
  await page.keyboard.press('Control+Shift+X');
  await page.waitForTimeout(2500);
  await page.locator('.composite.title .actions-container a[aria-label="Views and More Actions..."]').first().click();
  await page.waitForTimeout(1500);
  const item = page.locator('.monaco-menu .action-label', { hasText: 'Install from VSIX' }).first();
  await item.hover();
  await page.waitForTimeout(800);
  await page.screenshot({ path: S('1-install-menu') });
  await item.click();
  await page.waitForTimeout(2000);
  const input = page.locator('.quick-input-widget input.input').first();
  await input.fill(env.GOUJI_SHOTS_VSIX);
  await page.waitForTimeout(1500);

  await page.keyboard.press('Enter');
  await page.waitForTimeout(8000);
  await page.screenshot({ path: S('1c-installed') });
  // step 2: open the draft from the Explorer
  await page.keyboard.press('Control+Shift+E');
  await page.waitForTimeout(1500);
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'example.txt' }).first().click();
  await page.waitForTimeout(10000);
  await page.screenshot({ path: S('2-draft') });
  // step 3: hover the squiggle on line 11
  const line = page.locator('.view-line', { hasText: '本年收入合计' }).first();
  const lb = await line.boundingBox();
  const squiggles = page.locator('.squiggly-error');
  const n = await squiggles.count();
  console.log('squiggles', n, 'line', JSON.stringify(lb));
  let target = null;
  for (let i = 0; i < n; i++) {
    const b = await squiggles.nth(i).boundingBox();
    if (b && Math.abs(b.y - lb.y) < lb.height) { target = b; break; }
  }
  if (target) {
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2);
    await page.waitForTimeout(3000);
    await page.screenshot({ path: S('3-hover') });
  } else console.log('no squiggle on the line');
  await page.mouse.move(900, 700);
  await page.keyboard.press('Control+Shift+M');
  await page.waitForTimeout(2500);
  await page.screenshot({ path: S('3b-problems') });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
