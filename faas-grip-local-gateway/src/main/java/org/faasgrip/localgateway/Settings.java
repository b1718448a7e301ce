package org.faasgrip.localgateway;

import java.util.List;

/** The gateway's settings once built: immutable, shared by every request. */
final class Settings {
  final PayloadVersion payload;
  final String stage;
  final List<String> binaryMediaTypes;
  final boolean albMultiValueHeaders;
  final String targetGroupArn;
  final String functionName;
  final int memoryLimitMb;
  final long timeoutMillis;
  final boolean accessLog;

  Settings(PayloadVersion payload, String stage, List<String> binaryMediaTypes, boolean albMultiValueHeaders,
      String targetGroupArn, String functionName, int memoryLimitMb, long timeoutMillis, boolean accessLog) {
    this.payload = payload;
    this.stage = stage;
    this.binaryMediaTypes = List.copyOf(binaryMediaTypes);
    this.albMultiValueHeaders = albMultiValueHeaders;
    this.targetGroupArn = targetGroupArn;
    this.functionName = functionName;
    this.memoryLimitMb = memoryLimitMb;
    this.timeoutMillis = timeoutMillis;
    this.accessLog = accessLog;
  }
}
