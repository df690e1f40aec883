package io.dra4j.runtime.slices;

import io.dra4j.api.device.Resources;

/**
 * Reconciles the cluster's ResourceSlices to a driver's desired {@link Resources}. {@link
 * #publish} returns at once; the work happens in the background, with retries, until the cluster
 * matches the latest desired state.
 */
public interface ResourcePublisher extends AutoCloseable {

  /** Replaces the desired state. Thread-safe; the latest call wins. */
  void publish(Resources resources);

  /** Stops reconciling. Never deletes slices. */
  @Override
  void close();
}
