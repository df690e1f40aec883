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
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"sync"
)

type claimRef struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	UID       string `json:"uid"`
}

type allocatedDevice struct {
	Request      string   `json:"request"`
	Pool         string   `json:"pool"`
	Device       string   `json:"device"`
	CDIDeviceIDs []string `json:"cdiDeviceIds,omitempty"`
}

type checkpointEntry struct {
	Claim    claimRef          `json:"claim"`
	State    string            `json:"state"`
	BootID   string            `json:"bootId"`
	Prepared []allocatedDevice `json:"prepared,omitempty"`
}

// checkpoint keeps every claim's state in one file, rewritten atomically and durably on each
// change, in an envelope whose checksum is the SHA-256 of the payload string (dra4j's layout).
// dra4j commits concurrent changes as a group; here the helper's default serialization means
// changes never overlap, so one mutex does the same.
type checkpoint struct {
	mu      sync.Mutex
	file    string
	bootID  string
	entries map[string]checkpointEntry
	order   []string
}

func openCheckpoint(file, bootID string) (*checkpoint, error) {
	c := &checkpoint{file: file, bootID: bootID, entries: map[string]checkpointEntry{}}
	content, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return c, c.save()
	}
	if err != nil {
		return nil, fmt.Errorf("read checkpoint %s: %w", file, err)
	}
	var env struct {
		Data     string `json:"data"`
		Checksum string `json:"checksum"`
	}
	if err := json.Unmarshal(content, &env); err != nil {
		return nil, fmt.Errorf("checkpoint %s is corrupt: %w", file, err)
	}
	sum := sha256.Sum256([]byte(env.Data))
	if hex.EncodeToString(sum[:]) != env.Checksum {
		return nil, fmt.Errorf("checkpoint %s is corrupt: checksum mismatch", file)
	}
	var data struct {
		Entries []checkpointEntry `json:"entries"`
	}
	if err := json.Unmarshal([]byte(env.Data), &data); err != nil {
		return nil, fmt.Errorf("checkpoint %s is corrupt: %w", file, err)
	}
	for _, e := range data.Entries {
		c.entries[e.Claim.UID] = e
		c.order = append(c.order, e.Claim.UID)
	}
	return c, nil
}

func (c *checkpoint) prepareStarted(ref claimRef) error {
	return c.update(ref.UID, &checkpointEntry{Claim: ref, State: "PREPARE_STARTED", BootID: c.bootID})
}

func (c *checkpoint) prepareCompleted(ref claimRef, devices []allocatedDevice) error {
	return c.update(ref.UID, &checkpointEntry{Claim: ref, State: "PREPARE_COMPLETED", BootID: c.bootID, Prepared: devices})
}

func (c *checkpoint) remove(uid string) error {
	return c.update(uid, nil)
}

func (c *checkpoint) update(uid string, entry *checkpointEntry) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, had := c.entries[uid]
	if entry == nil && !had {
		return nil
	}
	old, oldOrder := c.entries[uid], c.order
	if entry == nil {
		delete(c.entries, uid)
		c.order = without(c.order, uid)
	} else {
		c.entries[uid] = *entry
		if !had {
			c.order = append(c.order, uid)
		}
	}
	if err := c.save(); err != nil {
		if had {
			c.entries[uid] = old
		} else {
			delete(c.entries, uid)
		}
		c.order = oldOrder
		return err
	}
	return nil
}

func without(order []string, uid string) []string {
	out := make([]string, 0, len(order))
	for _, u := range order {
		if u != uid {
			out = append(out, u)
		}
	}
	return out
}

func (c *checkpoint) save() error {
	entries := make([]checkpointEntry, 0, len(c.order))
	for _, uid := range c.order {
		entries = append(entries, c.entries[uid])
	}
	data, err := json.Marshal(struct {
		Entries []checkpointEntry `json:"entries"`
	}{entries})
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	content, err := json.MarshalIndent(struct {
		Kind       string `json:"kind"`
		APIVersion string `json:"apiVersion"`
		Data       string `json:"data"`
		Checksum   string `json:"checksum"`
	}{"GoReferenceCheckpoint", "checkpoint.bench.dra4j.io/v1", string(data), hex.EncodeToString(sum[:])}, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(c.file, content, 0o600)
}
