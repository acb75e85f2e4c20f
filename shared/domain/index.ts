// The pure domain core: plain functions over plain data, no I/O, the clock passed in.
export * from './time.ts';
export * from './calendar.ts';
export * from './rules.ts';
export * from './state.ts';
export * from './privacy.ts';
export * from './surnames.ts';
export * from './ingest.ts';
export { checkEvent, mutate, type Rejection } from './apply.ts';
export * from './colour.ts';
export * from './departments.ts';
export * from './period.ts';
export * from './warnings.ts';
export * from './snapshot.ts';
export * from './ticket.ts';
export * from './personal-data.ts';
export * from './persist.ts';
export * from './memory.ts';
export * from './topics.ts';
