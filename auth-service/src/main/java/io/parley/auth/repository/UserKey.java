package io.parley.auth.repository;

import java.io.Serializable;
import java.util.Objects;

/** Primary key of {@link UserEntity}: a user is known per site. */
public class UserKey implements Serializable {
    public String site;
    public String id;

    public UserKey() {
    }

    public UserKey(String site, String id) {
        this.site = site;
        this.id = id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserKey key && Objects.equals(site, key.site) && Objects.equals(id, key.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(site, id);
    }
}
