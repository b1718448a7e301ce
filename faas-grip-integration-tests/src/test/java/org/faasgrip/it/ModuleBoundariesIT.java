package org.faasgrip.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The library's jars as a module layer would see them: every descriptor resolves against the real dependency
 * jars, each module exports its API packages to everyone, and {@code org.faasgrip.internal} is exported only to
 * the library's own modules. The jars are the ones the build just packaged (an IT runs after {@code package}).
 */
class ModuleBoundariesIT {
  /** Library modules with a descriptor, by a class each holds. */
  private static final Map<String, Class<?>> DESCRIBED = Map.of(
      "org.faasgrip.core", org.faasgrip.GripException.class,
      "org.faasgrip.publisher", org.faasgrip.publisher.GripPublisher.class,
      "org.faasgrip.function", org.faasgrip.function.Grip.class,
      "org.faasgrip.servlet", org.faasgrip.servlet.GripServlet.class,
      "org.faasgrip.zeromq", org.faasgrip.zeromq.SubscriptionTracker.class,
      "org.faasgrip.testkit", org.faasgrip.testkit.Pushpin.class);

  /**
   * Library modules that carry only an Automatic-Module-Name: their platforms' APIs (AWS Lambda's, Google's
   * Functions Framework's) have no module names.
   */
  private static final Map<String, Class<?>> NAMED = Map.of(
      "org.faasgrip.lambda", org.faasgrip.lambda.FaasGrip.class,
      "org.faasgrip.gcf", org.faasgrip.gcf.GcfHttp.class,
      "org.faasgrip.localgateway", org.faasgrip.localgateway.LocalGateway.class);

  /** Third-party jars the descriptors require. */
  private static final List<Class<?>> DEPENDENCIES = List.of(
      com.fasterxml.jackson.core.JsonFactory.class,
      jakarta.servlet.Servlet.class,
      org.zeromq.ZMQ.class,
      org.junit.jupiter.api.Test.class,
      org.junit.platform.commons.JUnitException.class,
      org.opentest4j.AssertionFailedError.class,
      org.apiguardian.api.API.class);

  @Test
  void everyDescriptorResolvesAgainstTheRealDependencyJars() throws Exception {
    Set<Path> paths = new LinkedHashSet<>();
    for (Class<?> c : DESCRIBED.values()) {
      paths.add(jarOf(c));
    }
    for (Class<?> c : DEPENDENCIES) {
      paths.add(jarOf(c));
    }
    Configuration cf = ModuleLayer.boot().configuration()
        .resolve(ModuleFinder.of(paths.toArray(new Path[0])), ModuleFinder.of(), DESCRIBED.keySet());
    Set<String> resolved = cf.modules().stream().map(ResolvedModule::name).collect(Collectors.toSet());
    assertThat(resolved).containsAll(DESCRIBED.keySet());
  }

  @Test
  void eachModuleExportsItsApiToAllAndTheInternalPackageOnlyToSiblings() throws Exception {
    for (Map.Entry<String, Class<?>> e : DESCRIBED.entrySet()) {
      ModuleDescriptor d = descriptor(jarOf(e.getValue()));
      assertThat(d.name()).isEqualTo(e.getKey());
      assertThat(d.isAutomatic()).as(d.name()).isFalse();
      Set<String> unqualified = new TreeSet<>();
      for (ModuleDescriptor.Exports x : d.exports()) {
        if (x.isQualified()) {
          assertThat(x.source()).as(d.name() + " exports only the internal package to chosen modules")
              .isEqualTo("org.faasgrip.internal");
          assertThat(x.targets()).as("modules " + d.name() + " shares its internal package with")
              .allMatch(t -> t.startsWith("org.faasgrip."));
        } else {
          unqualified.add(x.source());
        }
      }
      Set<String> api = new TreeSet<>(d.packages());
      api.remove("org.faasgrip.internal");
      assertThat(unqualified).as(d.name() + " exports every API package to all, and nothing else").isEqualTo(api);
    }
    ModuleDescriptor core = descriptor(jarOf(org.faasgrip.GripException.class));
    assertThat(core.packages()).contains("org.faasgrip.internal");
    assertThat(core.exports()).filteredOn(x -> x.source().equals("org.faasgrip.internal"))
        .singleElement().matches(ModuleDescriptor.Exports::isQualified, "qualified");
  }

  @Test
  void modulesWithoutADescriptorNameThemselvesInTheirManifest() throws Exception {
    for (Map.Entry<String, Class<?>> e : NAMED.entrySet()) {
      Path jar = jarOf(e.getValue());
      try (JarFile f = new JarFile(jar.toFile())) {
        assertThat(f.getManifest().getMainAttributes().getValue("Automatic-Module-Name")).as(jar.toString())
            .isEqualTo(e.getKey());
      }
      ModuleDescriptor d = descriptor(jar);
      assertThat(d.isAutomatic()).isTrue();
      assertThat(d.name()).isEqualTo(e.getKey());
    }
  }

  private static ModuleDescriptor descriptor(Path jar) {
    return ModuleFinder.of(jar).findAll().iterator().next().descriptor();
  }

  private static Path jarOf(Class<?> c) throws URISyntaxException, IOException {
    Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(Files.isRegularFile(p)).as(c.getName() + " comes from a packaged jar, not " + p).isTrue();
    return p;
  }
}
