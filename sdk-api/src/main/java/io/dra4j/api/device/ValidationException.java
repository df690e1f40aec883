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

  public ValidationException(String object, String field, String value, String rule) {
    super(object + ": " + field + " '" + value + "' " + rule);
    this.object = object;
    this.field = field;
    this.value = value;
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
}
