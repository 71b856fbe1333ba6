// The front end in a real browser: Debian's Chromium driven by playwright-core against the real server
// (embedded database, private Redis, workers). Screenshots of the main pages go to test-artifacts/.
import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createApiKey } from '../../db/repositories/accounts.repository.ts';
import type { Role } from '../../engine/accounts.ts';
import { openTestStack, type TestStack } from '../helpers/stack.ts';

const SHOTS = new URL('../../test-artifacts/screenshots/', import.meta.url).pathname;
let t: TestStack;
let browser: Browser;
const keys: Record<string, string> = {};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = await openTestStack();
  for (const role of ['founder', 'accelerator', 'corporate'] as Role[]) {
    const account = await createAccount(t.db.pool, `Test ${role}`, role, { email: `${role}@example.com` });
    keys[role] = (await createApiKey(t.db.pool, account.id)).key;
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(role: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(t.url + '/');
  await page.getByLabel('API key').fill(keys[role]!);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

async function shoot(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Full-page screenshots at a laptop's and a phone's viewport; also checks that nothing widens the page. */
async function shootSizes(page: Page, name: string) {
  for (const [width, height] of [[1280, 800], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(100); // let the layout settle at the new width
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name} at ${width}px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}${name}-${width}x${height}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('the web front end', () => {
  it('takes a founder from the profile form to an advice page with the map drawn', async () => {
    const page = await signIn('founder');
    await page.getByLabel('Name').fill('Photonic Sensing');
    await page.getByLabel('What do you build?').fill('Integrated photonic chips for medical sensing: silicon photonics biosensors that detect biomarkers in a drop of blood.');
    await page.getByLabel('City').first().fill('Leuven');
    await page.getByLabel('Country (ISO code)').first().fill('BE');
    await expect.poll(() => page.getByText('Suggested tags').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await shoot(page, 'founder-form');
    await page.getByRole('button', { name: 'Get advice' }).click();
    await page.getByTestId('advice').waitFor({ timeout: 30_000 });
    const map = page.getByTestId('world-map');
    expect(await map.locator('path.land').count()).toBeGreaterThan(100);
    expect(await map.locator('circle').count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: /Recommended/ }).count()).toBe(1);
    await shoot(page, 'advice');
    await page.close();
  }, 60_000);

  it('switches to Dutch', async () => {
    const page = await signIn('founder');
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { name: 'Beschrijf je startup' }).waitFor();
    expect(await page.getByRole('button', { name: 'English' }).count()).toBe(1);
    await page.getByRole('button', { name: 'English' }).click();
    await page.close();
  });

  it('uploads a cohort and follows its progress to 100%', async () => {
    const page = await signIn('accelerator');
    const csv = 'name,description,tags,stage,techCity,techCountry,targetMarkets\n' +
      Array.from({ length: 12 }, (_, i) => `Startup ${i},Payments and credit for small shops number ${i},fintech,seed,Gent,BE,EU`).join('\n') + '\n';
    await page.getByLabel('CSV file of startups').setInputFiles({ name: 'cohort.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByLabel('Cohort name').fill('Browser cohort');
    await page.getByRole('button', { name: 'Upload and score' }).click();
    const bar = page.getByTestId('cohort-progress');
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 60_000 }).toBe('100');
    await page.getByTestId('cohort-table').waitFor();
    expect(await page.getByTestId('cohort-table').locator('tbody tr').count()).toBe(12);
    await shoot(page, 'accelerator');
    await page.close();
  }, 90_000);

  it('lets a corporate search and request an introduction', async () => {
    const res = await fetch(`${t.url}/api/v1/startups`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.founder}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'OpenPay', description: 'Working-capital loans and card payments for small shops.', tags: ['fintech'], techTeam: { city: 'Gent', country: 'BE' }, discoverable: true }),
    });
    expect(res.status).toBe(201);
    const page = await signIn('corporate');
    await page.getByLabel('What are you looking for?').fill('payments for small retailers');
    await page.getByLabel('Tags (comma separated)').fill('fintech');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('search-results').locator('article').first().waitFor();
    expect(await page.getByText('OpenPay').count()).toBe(0); // anonymised
    await page.getByRole('button', { name: 'Request an introduction' }).first().click();
    await page.getByText('Introduction requested').waitFor();
    await page.getByTestId('introductions').getByText('pending').first().waitFor();
    await shoot(page, 'corporate');
    await page.close();
  }, 60_000);

  it('explores the knowledge base: ecosystems on the map, coverage per country, an ecosystem’s page', async () => {
    const page = await signIn('founder');
    await page.getByRole('heading', { name: 'Describe your startup' }).waitFor();
    await page.getByRole('link', { name: 'Knowledge base' }).click();
    const map = page.getByTestId('world-map');
    await expect.poll(() => map.locator('a.marker').count(), { timeout: 20_000 }).toBeGreaterThan(400);
    expect(await map.locator('a.marker circle').count()).toBe(await map.locator('a.marker').count());
    const legend = map.locator('figcaption');
    await legend.getByText('found in open data', { exact: true }).waitFor(); // the legend names both origins
    await legend.getByText('curated', { exact: true }).waitFor();
    expect(await page.getByTestId('ecosystem-table').locator('tbody tr').count()).toBeGreaterThan(0);

    // Coverage per country, filtered by name.
    const coverage = page.getByTestId('coverage-table');
    await coverage.waitFor();
    expect(await coverage.locator('tbody tr').count()).toBeGreaterThan(100);
    await page.getByLabel('Filter countries').fill('Nigeria');
    await expect.poll(() => coverage.locator('tbody tr').count()).toBe(1);
    expect(await coverage.locator('tbody tr').first().innerText()).toMatch(/Nigeria/);
    await page.getByLabel('Filter countries').fill('');

    // A tag re-sizes the circles by strength in it: those without any fade.
    expect(await map.locator('a.marker.faded').count()).toBe(0);
    const radii = () => map.locator('a.marker circle').evaluateAll((cs) => cs.map((c) => `${c.parentElement!.getAttribute('href')}=${c.getAttribute('r')}`).sort().join());
    const bySize = await radii();
    await page.getByLabel('Strong in tag').fill('fintech');
    await expect.poll(() => map.locator('a.marker.faded').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await radii()).not.toBe(bySize);
    await page.getByRole('heading', { name: 'Strongest in fintech' }).waitFor();
    await shootSizes(page, 'explore-fintech');
    await page.getByLabel('Strong in tag').fill('');
    await expect.poll(() => map.locator('a.marker.faded').count(), { timeout: 10_000 }).toBe(0);
    await shootSizes(page, 'explore');

    // The keyboard opens a curated ecosystem from its circle.
    await map.locator('a[href="#/ecosystems/lagos"]').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Lagos', level: 1 }).waitFor();
    const indicators = page.getByTestId('indicators');
    await indicators.getByText('Universities', { exact: true }).waitFor();
    expect(await indicators.locator('tbody tr').count()).toBeGreaterThan(10);
    await indicators.getByText('missing', { exact: true }).first().waitFor(); // a figure no source gives is said to be missing
    await page.getByTestId('organizations').locator('tbody tr').first().waitFor();
    await shootSizes(page, 'ecosystem-lagos');

    // A click opens one found in open data, with its organisations and their inferred fields marked.
    await page.getByRole('link', { name: 'All ecosystems' }).click();
    const derived = map.locator('a.marker[href^="#/ecosystems/eco-ke-"]').first();
    await derived.waitFor();
    const id = decodeURIComponent((await derived.getAttribute('href'))!.slice('#/ecosystems/'.length));
    await derived.locator('circle').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/ecosystems/${id}`);
    await page.getByText('Found in open data', { exact: false }).first().waitFor();
    await page.getByTestId('indicators').waitFor();
    await page.getByTestId('organizations').locator('tbody tr').first().waitFor();
    await shootSizes(page, 'ecosystem-derived');

    // In Dutch too.
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { name: 'Indicatoren' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.close();
  }, 90_000);

  it('moves through the profile form with the keyboard, and completes city names', async () => {
    const page = await signIn('founder');
    await page.getByRole('heading', { name: 'Describe your startup' }).waitFor();
    await page.getByLabel('Name').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('description');
    await page.getByLabel('Country (ISO code)').first().fill('BE');
    await page.getByLabel('City').first().pressSequentially('Leu');
    await expect.poll(() => page.locator('#city-options option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)), { timeout: 5_000 }).toContain('Leuven');
    await page.close();
  });

  it('keeps text contrast at WCAG AA or better', async () => {
    const page = await signIn('founder');
    await page.getByRole('heading', { name: 'Describe your startup' }).waitFor();
    await page.getByLabel('What do you build?').fill('Payments for small shops and their suppliers'); // shows the .hint tag suggestions
    await page.locator('.hint').first().waitFor();
    const ratios = await page.evaluate(() => {
      const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
      const lum = (c: number[]) => {
        const [r, g, b] = c.map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const background = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const bg = getComputedStyle(e).backgroundColor;
          if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return rgb(bg);
        }
        return [255, 255, 255];
      };
      return ['h1', 'label', '.hint', 'button', 'nav a', 'button.secondary'].map((selector) => {
        const el = document.querySelector(selector)!;
        const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
        return { selector, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
      });
    });
    for (const r of ratios) expect(r.ratio, r.selector).toBeGreaterThanOrEqual(4.5);
    await page.close();
  });

  it('labels every form input', async () => {
    const page = await signIn('founder');
    await page.getByRole('heading', { name: 'Describe your startup' }).waitFor();
    const { inputs, unlabeled } = await page.evaluate(() => {
      const all = [...document.querySelectorAll('input, select, textarea')];
      const bad = all.filter((el) => {
        const id = el.getAttribute('id');
        return !(id && document.querySelector(`label[for="${id}"]`)) && !el.closest('label') && !el.getAttribute('aria-label');
      });
      return { inputs: all.length, unlabeled: bad.map((el) => el.outerHTML.slice(0, 80)) };
    });
    expect(inputs).toBeGreaterThan(15);
    expect(unlabeled).toEqual([]);
    await page.close();
  });
});
