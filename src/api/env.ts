// What a request carries through the API's middleware into its handler.
import type { Principal } from "../auth/accounts.js";

export interface AppEnv {
  Variables: {
    /** Set by the authentication middleware; null only on the few public routes. */
    principal: Principal | null;
  };
}
