/** Scheduled exports' configuration: SMTP from the config file, its password from SMTP_PASSWORD only. */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../src/lib/server/config/index.ts';
import { exportDir, smtpSettings } from '../../../src/lib/server/exports/deliver.ts';
import { tempDir } from '../../helpers/tempDir.ts';

describe('exports configuration', () => {
	it('takes the SMTP server from the file and the password from SMTP_PASSWORD; files go under DATA_DIR by default', () => {
		const dir = tempDir('exports-config');
		try {
			const file = join(dir.path, 'callboard.json');
			writeFileSync(file, JSON.stringify({ exports: { smtp: { host: 'smtp.centras.lt', user: 'callboard', from: 'callboard@centras.lt' } } }));
			const config = loadConfig({ CALLBOARD_CONFIG: file, DATA_DIR: dir.path, SMTP_PASSWORD: 'from-env' });
			expect(smtpSettings(config)).toEqual({ host: 'smtp.centras.lt', port: 587, security: 'starttls', user: 'callboard', password: 'from-env', from: 'callboard@centras.lt' });
			expect(exportDir(config)).toBe(join(dir.path, 'exports'));
			// No SMTP server configured: none, whatever the environment says.
			expect(smtpSettings(loadConfig({ DATA_DIR: dir.path, SMTP_PASSWORD: 'x' }))).toBeNull();
			writeFileSync(file, JSON.stringify({ exports: { smtp: { host: 'smtp.centras.lt', from: 'not an address' } } }));
			expect(() => loadConfig({ CALLBOARD_CONFIG: file, DATA_DIR: dir.path })).toThrow(/exports\.smtp\.from/);
		} finally {
			dir.remove();
		}
	});
});
