// Generated from package.json by scripts/write-version.mjs at build time. Do not edit.
export const PACKAGE_NAME = '@printkit/prusalink';
export const VERSION = '0.1.0';
