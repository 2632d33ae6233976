import { normalizeIP } from '@fastify/rate-limit';

/**
 * The client a rate limit or a login lockout is counted for: an IPv4 address as is, an IPv6 address by its
 * /64 (one subscriber's whole network, which a single attacker can rotate through), an IPv4-mapped IPv6
 * address as the IPv4 one. '' when the address is unknown (the CLI).
 */
export function clientKey(ip: string | null | undefined): string {
  return ip ? normalizeIP(ip) : '';
}
