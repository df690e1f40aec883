package io.dra4j.runtime.prepare;

import io.dra4j.api.prepare.ClaimRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One claim of a kubelet request, as it came over the wire (any field may be empty).
 *
 * @param namespace the claim's namespace
 * @param name the claim's name
 * @param uid the claim's UID, the key of the response
 */
public record ClaimRequest(String namespace, String name, String uid) {
  public ClaimRequest {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
  }

  /** Why the request is malformed, if it is. */
  Optional<String> problem() {
    List<String> missing = new ArrayList<>();
    if (uid.isEmpty()) {
      missing.add("uid");
    }
    if (namespace.isEmpty()) {
      missing.add("namespace");
    }
    if (name.isEmpty()) {
      missing.add("name");
    }
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "malformed claim in the kubelet request ("
            + namespace
            + "/"
            + name
            + ", uid '"
            + uid
            + "'): "
            + String.join(", ", missing)
            + " must not be empty; every claim needs namespace, name and uid");
  }

  ClaimRef ref() {
    return new ClaimRef(namespace, name, uid);
  }
}
