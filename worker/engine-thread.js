// Entry of an engine thread: TypeScript is loaded through tsx here, since a thread does not inherit the
// module hooks of the process that starts it.
import { register } from 'tsx/esm/api';

register();
await import('./engine-thread.ts');
