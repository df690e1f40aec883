// Copyright 2026 The dra4j Authors
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
)

// specWriter writes one CDI spec per claim with the same content and file name as dra4j's
// CdiSpecWriter for the benchmark driver's edits: vendor k8s.<driver>, class claim, device names
// <claimUID>-<device>, a canary variable DRA_<DRIVER>_<CLAIMUID>_<n>=<pool>/<device> followed by
// BENCH_DEVICE=<device>, and the lowest cdiVersion that expresses them.
type specWriter struct {
	dir       string
	kind      string
	envPrefix string
}

var nonEnv = regexp.MustCompile(`[^A-Z0-9]`)

func envToken(s string) string {
	return nonEnv.ReplaceAllString(toUpperASCII(s), "_")
}

func toUpperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func newSpecWriter(dir string) *specWriter {
	return &specWriter{
		dir:       dir,
		kind:      "k8s." + driverName + "/claim",
		envPrefix: "DRA_" + envToken(driverName) + "_",
	}
}

type cdiEdits struct {
	Env []string `json:"env"`
}

type cdiDevice struct {
	Name           string   `json:"name"`
	ContainerEdits cdiEdits `json:"containerEdits"`
}

type cdiSpec struct {
	CDIVersion string      `json:"cdiVersion"`
	Kind       string      `json:"kind"`
	Devices    []cdiDevice `json:"devices"`
}

func (w *specWriter) path(claimUID string) string {
	return filepath.Join(w.dir, "k8s."+driverName+"-claim_"+claimUID+".json")
}

// write replaces the claim's spec atomically and durably and returns one CDI ID per device.
func (w *specWriter) write(claimUID string, devices []allocatedDevice) ([]string, error) {
	counts := map[string]int{}
	for _, d := range devices {
		counts[d.Device]++
	}
	spec := cdiSpec{CDIVersion: "0.3.0", Kind: w.kind}
	ids := make([]string, len(devices))
	for i, d := range devices {
		name := claimUID + "-" + d.Device
		if counts[d.Device] > 1 {
			name += "-" + strconv.Itoa(i)
		}
		if name[0] >= '0' && name[0] <= '9' {
			spec.CDIVersion = "0.5.0"
		}
		spec.Devices = append(spec.Devices, cdiDevice{
			Name: name,
			ContainerEdits: cdiEdits{Env: []string{
				w.envPrefix + envToken(claimUID) + "_" + strconv.Itoa(i) + "=" + d.Pool + "/" + d.Device,
				"BENCH_DEVICE=" + d.Device,
			}},
		})
		ids[i] = w.kind + "=" + name
	}
	content, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := writeAtomic(w.path(claimUID), append(content, '\n'), 0o644); err != nil {
		return nil, err
	}
	return ids, nil
}

// remove deletes the claim's spec; a missing file is fine.
func (w *specWriter) remove(claimUID string) error {
	err := os.Remove(w.path(claimUID))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return fsyncDir(w.dir)
}

// writeAtomic writes a temporary file in the target's directory (name ending in .tmp), fsyncs it,
// renames it over the target and fsyncs the directory: the same sequence as dra4j's AtomicFile.
func writeAtomic(target string, content []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(content); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("write %s: %w", target, err)
	}
	if err = tmp.Sync(); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("fsync %s: %w", tmp.Name(), err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err = os.Chmod(tmp.Name(), perm); err != nil {
		return fmt.Errorf("chmod %s: %w", tmp.Name(), err)
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("rename %s to %s: %w", tmp.Name(), target, err)
	}
	return fsyncDir(dir)
}

func fsyncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
