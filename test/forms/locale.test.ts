import { describe, expect, it } from 'vitest';

import { negotiateLocale } from '../../src/locale.js';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['vi', 'vi'],
    ['vi-VN,vi;q=0.9', 'vi'],
    ['VI-vn', 'vi'],
    ['en-US,en;q=0.9,vi;q=0.8', 'en'],
    ['en;q=0.5, vi;q=0.8', 'vi'],
    ['vi, en', 'vi'],
    ['en, vi', 'en'],
    ['fr-FR,vi;q=0.5', 'vi'],
    ['fr', 'en'],
    ['vi;q=0', 'en'],
    ['vi;q=0.000, en;q=0.1', 'en'],
    ['*', 'en'],
    ['en;q=0, *', 'vi'],
    ['vi;q=abc', 'en'],
    ['vi;q=1.5', 'en'],
    ['vi_VN', 'en'],
    [' vi-VN ; q=0.9 , en ; q=0.8 ', 'vi'],
  ])('%j selects %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
