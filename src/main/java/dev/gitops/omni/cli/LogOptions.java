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
      defaultValue = "${env:LOG_LEVEL:-INFO}",
      description = "ERROR, WARN, INFO or DEBUG (env LOG_LEVEL).")
  String level;

  void apply() {
    if (!"text".equals(format) && !"json".equals(format)) {
      throw new UsageException("--log-format must be text or json, not " + format);
    }
    System.setProperty("omni.log.level", level.toUpperCase(java.util.Locale.ROOT));
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
  }
}
