// The simulated hotline: a pure, seeded generator of stream entries (see generator.ts).
export { generate, seedTag } from './generator.ts';
export { entryFields, DEFAULT_SEED, type SimItem, type SimOptions } from './types.ts';
export { isoLocal, localDate, parseLocalDate, startOfLocalDay, startOfLocalMonth, DAY, HOUR } from './clock.ts';
export { DeptDirectory, CITY_DEPARTMENTS, ENTERPRISES } from './departments.ts';
