package org.faasgrip.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo as people run it with {@code --platform gcf}: the same checks, and SIGTERM and SIGINT must stop the
 * Functions Framework invoker's JVM too.
 */
class GcfDemoProcessIT extends DemoProcessIT {
  @Override
  String platform() {
    return "gcf";
  }

  @Override
  List<String> startedProcesses() {
    List<String> names = new ArrayList<>(super.startedProcesses());
    names.add("java"); // the invoker's JVM
    return names;
  }

  @Override
  String stoppedLine() {
    return "Stopped Pushpin and the function's server.";
  }
}
