package dev.gitops.omni.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every logback event at DEBUG and above while open. */
final class CapturedLogs implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Level previousLevel = root.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  CapturedLogs() {
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.DEBUG);
  }

  List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** Every message, argument and throwable text captured, one entry per piece. */
  List<String> texts() {
    List<String> out = new ArrayList<>();
    for (ILoggingEvent event : appender.list) {
      out.add(event.getFormattedMessage());
      out.add(String.valueOf(event.getMessage()));
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        out.add(t.getClassName() + ": " + t.getMessage());
      }
    }
    return out;
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    root.setLevel(previousLevel);
    appender.stop();
  }
}
