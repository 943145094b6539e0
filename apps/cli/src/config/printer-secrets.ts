/**
 * The secrets of one printer entry: what must never be printed, even when a client or a printer
 * echoes one back in an error message (a refused login quoting the password, a URL with its user
 * info). The CLI masks them in every message it shows for that printer (core-types `redactText`).
 */
import type { PrinterConfig } from './load-config.js';

function urlUserInfo(url: string): string[] {
  if (!URL.canParse(url)) return [];
  const { username, password } = new URL(url);
  return [password, decodeURIComponent(password)].filter((part) => part !== '' && part !== username);
}

export function secretsOf(config: PrinterConfig): string[] {
  const secrets = urlUserInfo(config.url);
  switch (config.vendor) {
    case 'anycubic':
      // LAN mode's login comes from the handshake, held and masked by the client itself.
      if (config.lan !== true) secrets.push(config.password);
      break;
    case 'moonraker':
      if (config.apiKey !== undefined) secrets.push(config.apiKey);
      if (config.login !== undefined) secrets.push(config.login.password);
      break;
    case 'prusa-connect':
      secrets.push(config.token);
      break;
    case 'prusalink':
      if (config.password !== undefined) secrets.push(config.password);
      if (config.apiKey !== undefined) secrets.push(config.apiKey);
      break;
  }
  return secrets.filter((secret) => secret.length > 0);
}
