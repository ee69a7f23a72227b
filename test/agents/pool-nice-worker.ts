// A pool worker entry for tests: the real one's start-up (src/agents/pool/worker.ts lowers the thread
// when it loads), and a job that answers with the thread's kernel id.
import { kernelThreadId } from "../../src/agents/pool/nice.js";
import { createJobHandler } from "../../src/agents/pool/worker.js";

export default createJobHandler(() => Promise.resolve({ tid: kernelThreadId() }));
