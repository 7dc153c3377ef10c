/** ServiceAccounts: metadata only (DNS-1123 subdomain names), as `ValidateServiceAccount`. */
import { registerRules } from '../admission';

registerRules('serviceaccounts', {});
