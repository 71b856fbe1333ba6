#!/usr/bin/env node
// Launcher: run the TypeScript sources directly through tsx (no build step for the server side).
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
