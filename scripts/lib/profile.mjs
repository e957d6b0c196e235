// The settings of every fresh VS Code profile the scripts make (code-server and desktop alike): nothing that
// starts up, phones home, updates itself, asks for trust or watches git — a window that shows only our work.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
  'files.hotExit': 'off',
  'window.confirmBeforeClose': 'never',
};

/** Writes the profile's settings: USER_SETTINGS and `extra` over them. */
export function writeUserSettings(userDataDir, extra = {}) {
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify({ ...USER_SETTINGS, ...extra }, null, 2)}\n`);
}
