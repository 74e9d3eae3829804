package org.atlasops.server.auth;

import java.util.Optional;
import org.atlasops.store.Credential;
import org.atlasops.store.User;

/** Who is calling: nobody, or a user proven by a browser session or an API token. */
public record Caller(Optional<Credential> credential) {
    public static final Caller ANONYMOUS = new Caller(Optional.empty());

    public Optional<User> user() {
        return credential.map(Credential::user);
    }

    public boolean viaSession() {
        return credential.map(c -> c.kind() == Credential.Kind.SESSION).orElse(false);
    }

    /** The name written to the audit log. */
    public String name() {
        return user().map(User::name).orElse("anonymous");
    }
}
