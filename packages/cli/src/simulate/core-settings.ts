// The answer to `Action: CoreSettings`, field for field as Asterisk 20's
// manager (main/manager.c, action_coresettings) writes it.

import { success, type ActionHandler } from '@callboard/simulator';

export interface CoreSettingsFacts {
  /** The recorded banner, `Asterisk Call Manager/9.0.0`: its version is the AMI version. */
  readonly banner: string;
  /** `20.20.1`: what the recorded Asterisk's log says it was. */
  readonly asteriskVersion: string;
}

export function coreSettings(facts: CoreSettingsFacts): ActionHandler {
  const amiVersion = /\/(\S+)\s*$/.exec(facts.banner)?.[1] ?? '';
  return () =>
    success([
      ['AMIversion', amiVersion],
      ['AsteriskVersion', facts.asteriskVersion],
      // Empty: the recorded servers had no `systemname` (their uniqueids carry
      // no system-name prefix, which Asterisk adds when one is set).
      ['SystemName', ''],
      ['CoreMaxCalls', '0'],
      // A C `%f`.
      ['CoreMaxLoadAvg', '0.000000'],
      ['CoreRunUser', ''],
      ['CoreRunGroup', ''],
      ['CoreMaxFilehandles', '0'],
      ['CoreRealTimeEnabled', 'No'],
      ['CoreCDRenabled', 'Yes'],
      ['CoreHTTPenabled', 'No'],
      // Since 20.5 (asterisk/asterisk#317, the sounds_search_custom_dir option).
      ['SoundsSearchCustomDir', 'No'],
    ]);
}
