/** The one drizzle schema: every table of Fuban. */
export * from './org.js';
export * from './security.js';
export * from './calendar.js';
export * from './cases.js';
export * from './outgoing.js';
export * from './clocks.js';
export * from './disclosure.js';
export * from './personal.js';
export * from './records.js';
export * from './proposals.js';
export * from './mailbox.js';
export * from './hotline.js';
