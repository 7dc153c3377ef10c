// Makes sure Debian's Chromium is at /usr/bin/chromium for the Playwright tests: installs it with
// apt-get when it is missing (the test machines run as root). Says what it does.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (existsSync(CHROMIUM)) {
  console.log(`ensure-chromium: ${CHROMIUM} is present.`);
} else {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  const cmd = `${sudo}apt-get update && ${sudo}apt-get install -y chromium`;
  console.log(`ensure-chromium: ${CHROMIUM} is missing; running: ${cmd}`);
  execSync(cmd, { stdio: 'inherit', shell: '/bin/sh', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(CHROMIUM)) {
    console.error(`ensure-chromium: ${CHROMIUM} is still missing after the install.`);
    process.exit(1);
  }
}
