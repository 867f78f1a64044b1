// Preloaded with `node --import` when /usr/bin/time is missing: writes the process's peak RSS
// (kilobytes, all threads) to the file named by TEJUN_BENCH_RSS when the process exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.TEJUN_BENCH_RSS) writeFileSync(process.env.TEJUN_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
