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

// Command go-reference is the side-by-side benchmark's reference driver: the same devices and
// the same prepare work as the dra4j benchmark driver (io.dra4j.bench.sidebyside.SideBySideDriver),
// built on the Go kubeletplugin helper, so that only the SDK differs.
//
// Devices come from a file holding "<count> <token>": devices dev-0 .. dev-<count-1> in pool
// "pool". The file is polled every 100 ms and the whole state is republished whenever its content
// changes (a new token with the same count is a no-op republish).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	resourceapi "k8s.io/api/resource/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/dynamic-resource-allocation/kubeletplugin"
	"k8s.io/dynamic-resource-allocation/resourceslice"
	"k8s.io/klog/v2"
)

const (
	driverName = "bench.dra4j.io"
	poolName   = "pool"
)

func main() {
	kubeconfig := flag.String("kubeconfig", "", "path to a kubeconfig file (required)")
	nodeName := flag.String("node-name", "", "the node this driver serves (required)")
	registrarDir := flag.String("registrar-dir", "/var/lib/kubelet/plugins_registry", "kubelet plugin registry directory")
	pluginsDir := flag.String("plugins-dir", "/var/lib/kubelet/plugins", "kubelet plugins directory; the driver uses <dir>/"+driverName)
	cdiDir := flag.String("cdi-dir", "/var/run/cdi", "CDI spec directory")
	devicesFile := flag.String("devices-file", "", "file with '<count> <token>' naming the devices to publish (required)")
	contentType := flag.String("kube-api-content-type", "", "content type for API requests, e.g. application/json (default: client-go's)")
	qps := flag.Float64("kube-api-qps", 5, "client-go requests per second to the API server; negative: no client-side limit (client-go's default is 5)")
	burst := flag.Int("kube-api-burst", 10, "client-go request burst (client-go's default is 10)")
	bootIDFile := flag.String("boot-id-file", "/proc/sys/kernel/random/boot_id", "file holding the boot ID recorded in the checkpoint")
	flag.Parse()
	if *kubeconfig == "" || *nodeName == "" || *devicesFile == "" {
		fmt.Fprintln(os.Stderr, "error: --kubeconfig, --node-name and --devices-file are required")
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*kubeconfig, *nodeName, *registrarDir, filepath.Join(*pluginsDir, driverName), *cdiDir, *devicesFile, *bootIDFile, *contentType, float32(*qps), *burst); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(kubeconfig, nodeName, registrarDir, pluginDir, cdiDir, devicesFile, bootIDFile, contentType string, qps float32, burst int) error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	config, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return fmt.Errorf("read kubeconfig %s: %w", kubeconfig, err)
	}
	config.QPS = qps
	config.Burst = burst
	if contentType != "" {
		config.ContentType = contentType
	}
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		return fmt.Errorf("create Kubernetes client: %w", err)
	}
	if err := os.MkdirAll(pluginDir, 0o750); err != nil {
		return fmt.Errorf("create plugin directory: %w", err)
	}
	if err := os.MkdirAll(cdiDir, 0o755); err != nil {
		return fmt.Errorf("create CDI directory: %w", err)
	}
	bootID, err := os.ReadFile(bootIDFile)
	if err != nil {
		return fmt.Errorf("read boot ID: %w", err)
	}
	cp, err := openCheckpoint(filepath.Join(pluginDir, "checkpoint.json"), strings.TrimSpace(string(bootID)))
	if err != nil {
		return err
	}
	d := &driver{cdi: newSpecWriter(cdiDir), checkpoint: cp}

	helper, err := kubeletplugin.Start(ctx, d,
		kubeletplugin.DriverName(driverName),
		kubeletplugin.KubeClient(client),
		kubeletplugin.NodeName(nodeName),
		kubeletplugin.RegistrarDirectoryPath(registrarDir),
		kubeletplugin.PluginDataDirectoryPath(pluginDir),
	)
	if err != nil {
		return fmt.Errorf("start kubelet plugin: %w", err)
	}
	defer helper.Stop()

	last := ""
	ticker := time.NewTicker(100 * time.Millisecond)
	defer ticker.Stop()
	for {
		content, err := os.ReadFile(devicesFile)
		if err != nil {
			klog.ErrorS(err, "cannot read devices file", "file", devicesFile)
		} else if string(content) != last {
			count, err := deviceCount(string(content))
			if err != nil {
				klog.ErrorS(err, "bad devices file", "file", devicesFile)
			} else if err := helper.PublishResources(ctx, resources(count)); err != nil {
				return fmt.Errorf("publish resources: %w", err)
			}
			last = string(content)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
		}
	}
}

func deviceCount(content string) (int, error) {
	fields := strings.Fields(content)
	if len(fields) == 0 {
		return 0, errors.New("devices file is empty; it must hold '<count> <token>'")
	}
	n, err := strconv.Atoi(fields[0])
	if err != nil || n < 0 {
		return 0, fmt.Errorf("device count %q must be a non-negative number", fields[0])
	}
	return n, nil
}

func resources(count int) resourceslice.DriverResources {
	devices := make([]resourceapi.Device, 0, count)
	for i := 0; i < count; i++ {
		devices = append(devices, resourceapi.Device{Name: "dev-" + strconv.Itoa(i)})
	}
	return resourceslice.DriverResources{
		Pools: map[string]resourceslice.Pool{
			poolName: {Slices: []resourceslice.Slice{{Devices: devices}}},
		},
	}
}

// driver implements kubeletplugin.DRAPlugin with the benchmark driver's prepare work: one
// environment variable per device, a CDI spec per claim and a checkpoint entry before and after.
type driver struct {
	cdi        *specWriter
	checkpoint *checkpoint
}

func (d *driver) PrepareResourceClaims(ctx context.Context, claims []*resourceapi.ResourceClaim) (map[types.UID]kubeletplugin.PrepareResult, error) {
	result := make(map[types.UID]kubeletplugin.PrepareResult, len(claims))
	for _, claim := range claims {
		devices, err := d.prepare(claim)
		result[claim.UID] = kubeletplugin.PrepareResult{Err: err, Devices: devices}
	}
	return result, nil
}

func (d *driver) prepare(claim *resourceapi.ResourceClaim) ([]kubeletplugin.Device, error) {
	ref := claimRef{Namespace: claim.Namespace, Name: claim.Name, UID: string(claim.UID)}
	var mine []allocatedDevice
	for _, r := range claim.Status.Allocation.Devices.Results {
		if r.Driver == driverName {
			mine = append(mine, allocatedDevice{Request: r.Request, Pool: r.Pool, Device: r.Device})
		}
	}
	if len(mine) == 0 {
		return nil, fmt.Errorf("claim %s/%s has no device allocated by driver %s", ref.Namespace, ref.Name, driverName)
	}
	if err := d.checkpoint.prepareStarted(ref); err != nil {
		return nil, fmt.Errorf("record claim %s/%s in the checkpoint: %w", ref.Namespace, ref.Name, err)
	}
	ids, err := d.cdi.write(ref.UID, mine)
	if err != nil {
		return nil, fmt.Errorf("write the CDI spec of claim %s/%s: %w", ref.Namespace, ref.Name, err)
	}
	out := make([]kubeletplugin.Device, len(mine))
	for i, m := range mine {
		out[i] = kubeletplugin.Device{
			Requests:     []string{m.Request},
			PoolName:     m.Pool,
			DeviceName:   m.Device,
			CDIDeviceIDs: []string{ids[i]},
		}
		mine[i].CDIDeviceIDs = []string{ids[i]}
	}
	if err := d.checkpoint.prepareCompleted(ref, mine); err != nil {
		return nil, fmt.Errorf("claim %s/%s was prepared but cannot be recorded in the checkpoint: %w", ref.Namespace, ref.Name, err)
	}
	return out, nil
}

func (d *driver) UnprepareResourceClaims(ctx context.Context, claims []kubeletplugin.NamespacedObject) (map[types.UID]error, error) {
	result := make(map[types.UID]error, len(claims))
	for _, claim := range claims {
		uid := string(claim.UID)
		if err := d.cdi.remove(uid); err != nil {
			result[claim.UID] = fmt.Errorf("remove the CDI spec of claim %s: %w", claim.String(), err)
			continue
		}
		result[claim.UID] = d.checkpoint.remove(uid)
	}
	return result, nil
}

func (d *driver) HandleError(ctx context.Context, err error, msg string) {
	klog.FromContext(ctx).Error(err, msg)
}

// WatchHealthStatus declines device health reporting, as the dra4j benchmark driver does not
// report health either; the helper keeps its health service advertised (its default) and answers
// the kubelet's stream with Unimplemented.
func (d *driver) WatchHealthStatus(ctx context.Context, reports chan<- kubeletplugin.DeviceHealthReport) error {
	return kubeletplugin.ErrHealthNotSupported
}
