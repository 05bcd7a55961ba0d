import type { Principal } from '$lib/server/auth/principal.ts';

declare global {
	namespace App {
		interface Locals {
			/** Who is asking: a signed-in person or a bearer token; null when anonymous. */
			principal: Principal | null;
			/** UI language chosen by cookie or Accept-Language. */
			lang: 'lt' | 'en';
		}
		interface Error {
			message: string;
		}
	}
}

export {};
