package dev.gitops.omni.bench;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.gitops.omni.client.OkHttpOmniClient;
import dev.gitops.omni.connection.SecretValue;
import dev.gitops.omni.operator.OmniOperator;
import dev.gitops.omni.operator.OperatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import org.slf4j.LoggerFactory;

/**
 * The real operator wired in this JVM ({@link OmniOperator#create}), for the regression guard: fast
 * to restart, and its logs are captured for the secret scan. A "crash" here is a stop without
 * waiting: in-flight reconciles are cut off by the executor shutdown.
 */
final class InProcessOperator implements OperatorUnderTest {
  private final Settings settings;
  private final KubernetesClient kubernetes;
  private final OkHttpOmniClient omni;
  private final Capture capture = new Capture();
  private OmniOperator operator;

  InProcessOperator(Settings settings, KubernetesClient kubernetes) {
    this.settings = settings;
    this.kubernetes = kubernetes;
    this.omni = settings.omniClient();
    capture.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    capture.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(capture);
  }

  @Override
  public synchronized void start() {
    OperatorConfig config =
        OperatorConfig.defaults(URI.create(settings.omniUrl()), SecretValue.of(settings.token()))
            .withPollInterval(settings.pollInterval())
            .withRequestsPerMinute(settings.requestsPerMinute())
            .withNamespaces(settings.watchNamespaces());
    operator =
        OmniOperator.create(config, new OmniOperator.Wiring(kubernetes, omni, null, null, null));
    operator.start();
  }

  @Override
  public synchronized void stop(boolean crash) {
    if (operator != null) {
      operator.close();
      operator = null;
    }
  }

  @Override
  public void close() {
    stop(false);
    omni.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(capture);
    capture.stop();
  }

  @Override
  public String capturedOutput() {
    return capture.text();
  }

  @Override
  public String describe() {
    return "real operator, in-process";
  }

  /** Keeps every formatted log line, with its exception text. */
  static final class Capture extends AppenderBase<ILoggingEvent> {
    private final StringBuilder text = new StringBuilder();

    @Override
    protected synchronized void append(ILoggingEvent e) {
      text.append(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append('\n');
      var t = e.getThrowableProxy();
      while (t != null) {
        text.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
        t = t.getCause();
      }
    }

    synchronized String text() {
      return text.toString();
    }
  }
}
