package dev.gitops.omni.model;

import io.fabric8.generator.annotation.ValidationRule;

/** An Omni instance for the connections of one namespace. */
@ValidationRule(
    value = "!has(self.tokenSecretRef.__namespace__)",
    message =
        "tokenSecretRef.namespace is not allowed on an OmniInstance: its Secret is in its own"
            + " namespace")
public class OmniInstanceSpec extends InstanceSettings {}
