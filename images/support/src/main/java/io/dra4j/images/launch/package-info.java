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
/**
 * Running a driver image's entry point on a simulated node: an in-memory API server, a sysfs/dev
 * fixture tree and kubelet directories, with the root file system isolated by {@code chroot} (when
 * root) or run in place with the host's loader; plus the kubelet side of plugin registration.
 */
package io.dra4j.images.launch;
