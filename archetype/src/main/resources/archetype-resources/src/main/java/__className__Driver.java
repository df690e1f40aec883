package ${package};

import com.google.auto.service.AutoService;
import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.config.ConfigKind;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.prepare.PreparedClaim;
import java.util.List;

/**
 * The ${driverName} DRA driver: publishes the node's ${deviceKind} devices and tells each container
 * which device it got. Everything Kubernetes-shaped (kubelet registration, ResourceSlices, CDI
 * specs, checkpoints) is the SDK's.
 *
 * <p>The SDK calls {@code start} once, on its start thread; {@code prepare} and {@code unprepare}
 * may run concurrently for different claims and may block.
 */
@AutoService(DeviceProvider.class)
public final class ${className}Driver implements DeviceProvider {

  /** The driver name; also the group of the opaque configuration's apiVersion. */
  public static final String DRIVER_NAME = "${driverName}";

  /** The environment variable that names the device a container got. */
  public static final String DEVICE_ENV = "${className.toUpperCase()}_DEVICE";

  /** The environment variable that carries the configured mode. */
  public static final String MODE_ENV = "${className.toUpperCase()}_MODE";

  /** The environment variable that carries the configured priority, when there is one. */
  public static final String PRIORITY_ENV = "${className.toUpperCase()}_PRIORITY";

  @Override
  public String driverName() {
    return DRIVER_NAME;
  }

  @Override
  public List<ConfigKind<?>> configKinds() {
    return List.of(ConfigKind.of(DRIVER_NAME + "/v1", "${className}Config", ${className}Config.class));
  }

## snippet:start
  @Override
  public void start(DriverContext context) {
    List<${className}Device> devices = ${className}Discovery.discover(context.hostPaths());
    context
        .logger()
        .log(
            System.Logger.Level.INFO,
            "found {0} ${deviceKind} device(s) below {1}",
            devices.size(),
            context.hostPaths().sys());
    Pool.Builder pool = Pool.builder(context.nodeName());
    devices.forEach(d -> pool.device(d.toDevice()));
    context.publish(Resources.of(pool.build()));
  }
## end:start

## snippet:prepare
  @Override
  public Preparation prepare(PrepareRequest request) {
    Preparation.Builder result = Preparation.builder();
    for (AllocatedDevice device : request.devices()) {
      ContainerEdits.Builder edits =
          ContainerEdits.builder()
              .env(DEVICE_ENV, device.device())
              .deviceNode("/dev/" + device.device());
      request
          .config(${className}Config.class, device)
          .ifPresent(
              config -> {
                edits.env(MODE_ENV, config.mode().name());
                config.priority().ifPresent(p -> edits.env(PRIORITY_ENV, Integer.toString(p)));
              });
      result.device(device, edits.build());
    }
    return result.build();
  }
## end:prepare

  @Override
  public void unprepare(PreparedClaim claim) {
    // prepare set nothing up on the host, so there is nothing to release.
  }
}
