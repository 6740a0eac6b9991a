// A shared rule file's check, off the page's thread (check.ts starts and ends this worker).
import { checkNow, summarize, type CheckRequest } from './check.js';

self.onmessage = (e: MessageEvent<CheckRequest>) => {
  self.postMessage(summarize(checkNow(e.data)));
};
