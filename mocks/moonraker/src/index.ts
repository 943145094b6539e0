export type { AnnouncementOption } from './announcements.js';
export type { AuthOptions } from './auth.js';
export type { KlippyState } from './klippy.js';
export type { MockMoonrakerOptions } from './options.js';
export { type MockMoonraker, type MockMoonrakerKlippy, startMockMoonraker } from './start.js';
