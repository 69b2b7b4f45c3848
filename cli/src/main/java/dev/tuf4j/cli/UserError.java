package dev.tuf4j.cli;

/**
 * A failure the user can fix and that needs no stack trace: a file that is not there, options
 * that do not fit together, a changed target in an audit. Its message is the whole report.
 */
final class UserError extends Exception {
  UserError(String message) {
    super(message);
  }

  UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
