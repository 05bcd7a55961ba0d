import { newPassword } from '../../auth/secrets.ts';
import { isRole } from '../../auth/principal.ts';
import { UsageError, parse, readStdin } from '../args.ts';
import { callApi, remoteFrom, withLocalAccess } from '../adminTarget.ts';

export const help = `callboard user add USERNAME [--role supervisor|admin|wallboard] [--site SITE] [--name "Display Name"] [--password-stdin]
callboard user list
callboard user disable USERNAME
callboard user passwd USERNAME [--password-stdin]
  Without --password-stdin a strong password is generated and printed once.
  Disabling a user or changing a password ends their signed-in sessions.
  --server URL --token T   act through a running server's admin API (needed in embedded mode while it runs)`;

const common = {
	role: { type: 'string' },
	site: { type: 'string' },
	name: { type: 'string' },
	'password-stdin': { type: 'boolean' },
	server: { type: 'string' },
	token: { type: 'string' }
} as const;

export async function run(argv: string[]): Promise<void> {
	const [action, ...rest] = argv;
	const { values, positionals } = parse(rest, common);
	const remote = remoteFrom(values);
	const username = positionals[0];
	// A generated password is printed only once it is stored: a refused change shows none.
	let generated: string | null = null;
	const password = async () => {
		if (values['password-stdin']) return (await readStdin()).replace(/\r?\n$/, '');
		return (generated = newPassword());
	};
	const showGenerated = () => generated && console.log(`password: ${generated}   (shown once; change it with "callboard user passwd")`);
	switch (action) {
		case 'add': {
			if (!username) throw new UsageError('user add needs a USERNAME');
			const role = values.role ?? 'supervisor';
			if (!isRole(role) || role === 'ingest') throw new UsageError('--role is admin, supervisor or wallboard');
			const input = { username, role, site: values.site ?? null, displayName: values.name, password: await password() };
			if (remote) await callApi(remote, 'POST', '/api/admin/users', input);
			else await withLocalAccess((a) => a.addUser(input));
			console.log(`user ${username} (${role}${values.site ? `, ${values.site}` : ''}) created`);
			showGenerated();
			return;
		}
		case 'list': {
			const users = remote
				? (await callApi<{ users: { username: string; role: string; site: string; disabled: number }[] }>(remote, 'GET', '/api/admin/users')).users
				: await withLocalAccess((a) => a.listUsers());
			for (const u of users) console.log(`${u.username}\t${u.role}\t${u.site || 'all sites'}${u.disabled ? '\tdisabled' : ''}`);
			return;
		}
		case 'disable': {
			if (!username) throw new UsageError('user disable needs a USERNAME');
			if (remote) await callApi(remote, 'DELETE', `/api/admin/users/${encodeURIComponent(username)}`);
			else await withLocalAccess((a) => a.disableUser(username));
			console.log(`user ${username} disabled`);
			return;
		}
		case 'passwd': {
			if (!username) throw new UsageError('user passwd needs a USERNAME');
			const pw = await password();
			if (remote) await callApi(remote, 'PATCH', `/api/admin/users/${encodeURIComponent(username)}`, { password: pw });
			else await withLocalAccess((a) => a.setPassword(username, pw));
			console.log(`password of ${username} changed`);
			showGenerated();
			return;
		}
		default:
			throw new UsageError(help);
	}
}
