package com.example.consumer;

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.prepare.PreparedClaim;

/** The smallest driver that compiles against a released dra4j-sdk-api. */
public final class ConsumerDriver implements DeviceProvider {

  @Override
  public String driverName() {
    return "consumer.example.com";
  }

  @Override
  public void start(DriverContext context) {}

  @Override
  public Preparation prepare(PrepareRequest request) {
    return Preparation.builder().build();
  }

  @Override
  public void unprepare(PreparedClaim claim) {}
}
