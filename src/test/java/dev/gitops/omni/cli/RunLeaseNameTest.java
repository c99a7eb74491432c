package dev.gitops.omni.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Lease name Kubernetes would refuse is one line at start, not a failing leader election. */
class RunLeaseNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"Bad_Name", "UPPER", "-leading", "trailing-", "a..b"})
  void anInvalidLeaseNameIsOneLine(String name) {
    Cli.Result r =
        Cli.run(
            "run", "--omni-url", "http://127.0.0.1:9", "--leader-election", "--lease-name", name);

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo(
            "error: --lease-name (LEASE_NAME) must be a DNS-1123 subdomain (lowercase letters,"
                + " digits, '-' and '.', at most 253 characters), not '"
                + name
                + "'");
  }
}
