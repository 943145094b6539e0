/** Sent as `version` in `server.connection.identify` unless the caller names its own. */
export const CLIENT_VERSION = '0.1.0';
