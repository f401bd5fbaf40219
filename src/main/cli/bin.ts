/** Entry point of the `triangulate` command (compiled to dist-cli/triangulate.js; `npm run cli` runs it with tsx). */
import { main } from './index';

main();
