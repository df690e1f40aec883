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
package io.dra4j.api;

import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.prepare.PreparedClaim;

/** Small providers that {@link ProviderLoaderTest} registers through service files. */
public final class TestProviders {
  private TestProviders() {}

  /** A provider that prepares nothing. */
  public abstract static class Base implements DeviceProvider {
    @Override
    public void start(DriverContext context) {}

    @Override
    public Preparation prepare(PrepareRequest request) {
      return Preparation.builder().build();
    }

    @Override
    public void unprepare(PreparedClaim claim) {}
  }

  /** The first test provider. */
  public static final class Alpha extends Base {
    @Override
    public String driverName() {
      return "alpha.example.com";
    }
  }

  /** The second test provider. */
  public static final class Beta extends Base {
    @Override
    public String driverName() {
      return "beta.example.com";
    }
  }

  /** A provider whose constructor fails. */
  public static final class Broken extends Base {
    /** Always fails. */
    public Broken() {
      throw new IllegalStateException("no devices here");
    }

    @Override
    public String driverName() {
      return "broken.example.com";
    }
  }
}
