// Preloaded with `node --import` when /usr/bin/time is missing: writes the process's peak RSS
// (kilobytes, all threads) and its CPU time (user and system seconds, all threads) to the file
// named by TEJUN_BENCH_RSS when the process exits, as `/usr/bin/time -f '%M %U %S'` would.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.TEJUN_BENCH_RSS) {
    const u = process.resourceUsage();
    writeFileSync(process.env.TEJUN_BENCH_RSS, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}`);
  }
});
