package org.fdcfabric.datacenter.ucl;

import java.util.Objects;
import org.fdcfabric.protocol.ucl.Terms;

/** What the owner says about a dataset when registering it: name, profile, federation address, terms. */
public record Publication(String name, String profile, String address, Terms terms) {
    public Publication {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(terms, "terms");
    }
}
