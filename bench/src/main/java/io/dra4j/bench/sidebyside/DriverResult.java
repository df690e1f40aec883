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
package io.dra4j.bench.sidebyside;

/**
 * What was measured for one driver in one run.
 *
 * @param label the driver's name in the report
 * @param startToRegisteredMs process start until the registration socket answered GetInfo
 * @param startToPublishedMs process start until the API server held its ResourceSlices
 * @param idleRssKib VmRSS after publishing, before any prepare
 * @param loadedRssKib the largest VmRSS seen while 8 callers prepared and unprepared
 * @param prepareP50Us median prepare latency, one caller
 * @param prepareP99Us 99th percentile prepare latency, one caller
 * @param throughput1 claims per second (prepare + unprepare), one caller
 * @param throughput8 claims per second (prepare + unprepare), eight callers
 * @param cpuMsPer1000 driver CPU (user + system) per 1,000 prepares, each followed by its unprepare
 * @param publishWrites ResourceSlice writes for the first publish
 * @param noopWrites ResourceSlice writes for a republish of the same devices
 * @param changeWrites ResourceSlice writes for a republish with one device added
 * @param totalWrites ResourceSlice writes over the driver's whole run
 * @param cdiSpec the CDI spec the driver wrote for the first claim
 * @param cdiIds the CDI device IDs it answered for that claim
 */
record DriverResult(
    String label,
    double startToRegisteredMs,
    double startToPublishedMs,
    long idleRssKib,
    long loadedRssKib,
    double prepareP50Us,
    double prepareP99Us,
    double throughput1,
    double throughput8,
    double cpuMsPer1000,
    int publishWrites,
    int noopWrites,
    int changeWrites,
    int totalWrites,
    String cdiSpec,
    String cdiIds) {}
