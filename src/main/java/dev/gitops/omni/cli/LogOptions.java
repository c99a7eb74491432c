package dev.gitops.omni.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** Log format and level, applied once at start. */
public class LogOptions {
  @Option(
      names = "--log-format",
      defaultValue = "${env:LOG_FORMAT:-text}",
      description = "text or json (env LOG_FORMAT).")
  String format;

  @Option(
      names = "--log-level",
      defaultValue = "${env:LOG_LEVEL}",
      description =
          "ERROR, WARN, INFO or DEBUG (env LOG_LEVEL). Default: INFO for run, WARN for the"
              + " other commands (DEBUG with --verbose).")
  String level;

  void apply() {
    apply("INFO");
  }

  /** Configures logging; {@code defaultLevel} applies when neither flag nor LOG_LEVEL is set. */
  void apply(String defaultLevel) {
    if (!"text".equals(format) && !"json".equals(format)) {
      throw new UsageException("--log-format must be text or json, not " + format);
    }
    String effective = level == null || level.isBlank() ? defaultLevel : level;
    System.setProperty("omni.log.level", effective.toUpperCase(java.util.Locale.ROOT));
    if (System.getProperty("logback.configurationFile") != null) {
      return; // the user's own logback configuration wins (it was read at start)
    }
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    var configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(
          LogOptions.class.getResource(
              "json".equals(format) ? "/logback-json.xml" : "/logback.xml"));
    } catch (Exception e) {
      throw new UsageException("cannot configure logging: " + e.getMessage());
    }
    if (!"DEBUG".equalsIgnoreCase(effective)) {
      // warns on every start that the CRD's version is v1alpha1: true, and nothing to act on
      context
          .getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils")
          .setLevel(ch.qos.logback.classic.Level.ERROR);
    }
  }
}
