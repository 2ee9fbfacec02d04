import type { Knex } from 'knex';

// Register search ignores Vietnamese diacritics and case, so "sap nhap" finds "sáp nhập" and
// "MỤC TIÊU" finds "mục tiêu". eiso_fold maps every Vietnamese letter with a diacritic, upper or
// lower case, to its base letter (đ and Đ to d) and then lowers the ASCII that remains. It does
// not rely on the database's locale, because PGlite's lower() leaves non-ASCII letters alone.
const base = 'aăâeêioôơuưy';
const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

function foldTable(): { from: string; to: string } {
  let from = 'đĐ';
  let to = 'dd';
  for (const vowel of base) {
    for (const [index, tone] of tones.entries()) {
      const lower = (vowel + tone).normalize('NFC');
      if (index === 0 && 'aeiouy'.includes(vowel)) continue;
      const plain = lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      from += lower + lower.toUpperCase();
      to += plain + plain;
    }
  }
  return { from, to };
}

export async function up(knex: Knex): Promise<void> {
  const { from, to } = foldTable();
  await knex.raw(
    `CREATE FUNCTION eiso_fold(value text) RETURNS text
       LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
       AS $fold$ SELECT lower(translate(value, '${from}', '${to}')) $fold$`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION eiso_fold(text)');
}
