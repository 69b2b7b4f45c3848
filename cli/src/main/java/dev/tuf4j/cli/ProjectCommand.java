package dev.tuf4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code tuf4j project}: the PEP 480 developer flow - register a project, sign an upload. */
@Command(
    name = "project",
    description = "PEP 480 projects: register one in a repository, sign the metadata of an upload.",
    subcommands = {ProjectRegisterCommand.class, ProjectSignCommand.class})
final class ProjectCommand {
  @ParentCommand private TopCommand top;

  CliContext context() {
    return top.context;
  }
}
