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

/**
 * A value breaks a {@code resource.k8s.io/v1} rule. The message names the object, the field, the
 * offending value and the rule, for example {@code device gpu_0: name 'gpu_0' must be a DNS label:
 * ...}.
 */
public final class ValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String object;
  private final String field;
  private final String value;
  private final String rule;

  /**
   * A rule violation.
   *
   * @param object what failed, for example {@code device neurondevice0}
   * @param field the field of that object
   * @param value the offending value
   * @param rule the rule it breaks and, where possible, how to fix it
   */
  public ValidationException(String object, String field, String value, String rule) {
    super(object + ": " + field + " '" + value + "' " + rule);
    this.object = Objects.requireNonNull(object, "object");
    this.field = Objects.requireNonNull(field, "field");
    this.value = Objects.requireNonNull(value, "value");
    this.rule = Objects.requireNonNull(rule, "rule");
  }

  /** The object that failed, for example {@code device neurondevice0}. */
  public String object() {
    return object;
  }

  /** The field that failed. */
  public String field() {
    return field;
  }

  /** The offending value. */
  public String value() {
    return value;
  }

  /** The rule the value breaks. */
  public String rule() {
    return rule;
  }

  /**
   * The same violation reported against an enclosing object, for example a string value that is too
   * long reported as {@code device gpu-0: attribute model}. This exception becomes the cause.
   */
  public ValidationException within(String object, String field) {
    ValidationException e = new ValidationException(object, field, value, rule);
    e.initCause(this);
    return e;
  }
}
