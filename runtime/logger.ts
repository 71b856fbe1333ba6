// Structured logs (pino). Secrets never reach a log line: credentials are redacted wherever an object
// carries them, and HTTP request logs keep only what helps to trace a request (not its headers).
import { pino, type Logger } from 'pino';

export type { Logger };

const SECRET_HEADERS = ['authorization', '"x-api-key"', 'cookie', '"set-cookie"', '"proxy-authorization"'];
export const REDACTED_PATHS = SECRET_HEADERS.flatMap((h) => [`headers.${h}`, `*.headers.${h}`, `*.*.headers.${h}`]);

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'foothold' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}
