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
 * The end-to-end demo: the Neuron and EFA drivers on simulated AWS nodes, a seed claim template and
 * pods scheduled until the nodes are full, printed as tables or JSON. Entry point {@link
 * io.dra4j.examples.demo.Demo}.
 */
package io.dra4j.examples.demo;
