// Dumps first and last names of several locales from @faker-js/faker (installed into a
// gitignored node_modules here: npm install --no-save @faker-js/faker@9) as TSV lines
// "locale<TAB>first|last<TAB>name" for the synthetic scale run (screening_scale).
import { allLocales } from '@faker-js/faker';

const locales = ['en_US', 'en_GB', 'ru', 'uk', 'ar', 'fa', 'de', 'fr', 'es', 'es_MX', 'pt_BR', 'it',
                 'tr', 'pl', 'nl', 'sv', 'cs_CZ', 'ro', 'hu', 'el', 'he', 'id_ID', 'vi', 'ko',
                 'zh_CN', 'ja', 'hy', 'ka_GE', 'az', 'ur', 'ne', 'yo_NG', 'zu_ZA'];

function flatten(value) {
  if (value == null) return [];
  if (Array.isArray(value)) return value.flatMap(flatten);
  if (typeof value === 'object') return Object.values(value).flatMap(flatten);
  if (typeof value === 'string' && !value.includes('{{')) return [value];
  return [];
}

for (const locale of locales) {
  const person = allLocales[locale]?.person;
  if (!person) continue;
  for (const [kind, key] of [['first', 'first_name'], ['last', 'last_name']]) {
    for (const name of new Set(flatten(person[key]))) {
      process.stdout.write(`${locale}\t${kind}\t${name}\n`);
    }
  }
}
