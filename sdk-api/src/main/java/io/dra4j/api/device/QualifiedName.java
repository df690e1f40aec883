/*
 * Copyright 2026 The dra4j Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.dra4j.api.device;

import java.util.Objects;
import java.util.Optional;

/**
 * An attribute or capacity name: a C identifier of at most 32 characters, optionally prefixed by a
 * DNS subdomain of at most 63 characters and a slash ({@code resource.aws.com/devicegroup4_id}). A
 * name without a domain belongs to the driver's own domain.
 *
 * <p>Where each form appears: a {@link Device}'s attribute and capacity maps, and the
 * ResourceSlice, keep a name as it was given, so the driver's own attributes are unqualified
 * ({@code index}) and shared ones qualified ({@code resource.aws.com/devicegroup4_id}). A claim
 * always needs the qualified name: {@code matchAttribute: minimal.example.com/index} or {@code
 * matchAttribute: resource.aws.com/devicegroup4_id} in a constraint, {@code
 * device.attributes["minimal.example.com"].index} in a CEL selector. {@link #qualify} gives the
 * form a claim needs.
 *
 * @param domain the DNS subdomain prefix, empty for the driver's own domain
 * @param name the C identifier
 */
public record QualifiedName(Optional<String> domain, String name)
    implements Comparable<QualifiedName> {

  /** Checks and copies the components. */
  public QualifiedName {
    Objects.requireNonNull(domain, "domain");
    Validation.requireQualifiedName(domain, name);
  }

  /** Parses {@code name} or {@code domain/name}. */
  public static QualifiedName of(String qualified) {
    Objects.requireNonNull(qualified, "qualified name");
    int slash = qualified.indexOf('/');
    if (slash < 0) {
      return new QualifiedName(Optional.empty(), qualified);
    }
    return new QualifiedName(
        Optional.of(qualified.substring(0, slash)), qualified.substring(slash + 1));
  }

  /** A name in the given domain. */
  public static QualifiedName of(String domain, String name) {
    return new QualifiedName(Optional.of(domain), name);
  }

  /** This name with {@code defaultDomain} filled in when it has none. */
  public QualifiedName qualify(String defaultDomain) {
    return domain.isPresent() ? this : new QualifiedName(Optional.of(defaultDomain), name);
  }

  @Override
  public int compareTo(QualifiedName o) {
    int c = domain.orElse("").compareTo(o.domain.orElse(""));
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return domain.map(d -> d + "/" + name).orElse(name);
  }
}
