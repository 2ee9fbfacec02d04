import { openRenderDatabase } from './inbox-render-bench.js';
import { startApp } from './http-setup.js';

// Serves eiso on PGlite in a temporary folder for the modeler bench, in a process of its own: a
// lint of 2 000 elements keeps the server's event loop busy for seconds, and in the bench's own
// process it would also hold back the browser commands that are being timed. Prints the base URL
// as one line, then serves until its parent closes stdin.

const database = await openRenderDatabase(() => Promise.resolve(''), undefined);
if (typeof database === 'string') throw new Error(database);
const { app, baseUrl } = await startApp(database);
console.log(`listening ${baseUrl}`);
process.stdin.resume();
process.stdin.on('end', () => {
  void app
    .close()
    .then(() => database.drop())
    .then(() => process.exit(0));
});
