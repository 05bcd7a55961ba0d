import { isRole } from '../../auth/principal.ts';
import { UsageError, parse } from '../args.ts';
import { callApi, remoteFrom, withLocalAccess } from '../adminTarget.ts';

export const help = `callboard token create --role wallboard|ingest|admin [--site SITE] [--name NAME] [--stream NAME[,NAME…]]
callboard token list
callboard token revoke ID
  The token is printed once; only its SHA-256 is stored.
  --site     a wallboard token for one site only
  --stream   the event streams an ingest token may write to, the first its default ('*': any);
             without it, only the stream named by the token's id
  --server URL --token T   act through a running server's admin API (needed in embedded mode while it runs)`;

export async function run(argv: string[]): Promise<void> {
	const [action, ...rest] = argv;
	const { values, positionals } = parse(rest, {
		role: { type: 'string' },
		site: { type: 'string' },
		name: { type: 'string' },
		stream: { type: 'string' },
		server: { type: 'string' },
		token: { type: 'string' }
	});
	const remote = remoteFrom(values);
	switch (action) {
		case 'create': {
			const role = values.role;
			if (!role || !isRole(role) || role === 'supervisor') throw new UsageError('--role is wallboard, ingest or admin');
			const streams = values.stream?.split(',').map((s) => s.trim()).filter(Boolean) ?? null;
			const input = { role, site: values.site ?? null, name: values.name ?? '', streams };
			const created = remote
				? await callApi<{ id: string; token: string }>(remote, 'POST', '/api/admin/tokens', input)
				: await withLocalAccess((a) => a.createToken(input));
			console.log(`token id: ${created.id}`);
			console.log(`token:    ${created.token}`);
			console.log('Keep it now: it is not shown again.');
			return;
		}
		case 'list': {
			const tokens = remote
				? (await callApi<{ tokens: { id: string; name: string; role: string; site: string; streams: string[]; revoked: number }[] }>(remote, 'GET', '/api/admin/tokens')).tokens
				: await withLocalAccess((a) => a.listTokens());
			for (const t of tokens) {
				const scope = t.role === 'ingest' ? `streams ${t.streams.join(',')}` : t.site || 'all sites';
				console.log(`${t.id}\t${t.role}\t${scope}\t${t.name}${t.revoked ? '\trevoked' : ''}`);
			}
			return;
		}
		case 'revoke': {
			const id = positionals[0];
			if (!id) throw new UsageError('token revoke needs an ID (see "callboard token list")');
			if (remote) await callApi(remote, 'DELETE', `/api/admin/tokens/${encodeURIComponent(id)}`);
			else await withLocalAccess((a) => a.revokeToken(id));
			console.log(`token ${id} revoked`);
			return;
		}
		default:
			throw new UsageError(help);
	}
}
