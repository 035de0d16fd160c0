#!/usr/bin/env node
// The `fuban` administration command. The sources are TypeScript, run through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../server/src/cli/main.ts');
