package dev.pop.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code popctl --version}: the version written into the jar's manifest at build time. */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = PopCtl.class.getPackage().getImplementationVersion();
    return new String[] {"popctl " + (version == null ? "dev" : version)};
  }
}
