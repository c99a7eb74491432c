# syntax=docker/dockerfile:1
# omni-operator image: the shaded jar built with Maven, run on a Java 17 JRE as a non-root user.
#   docker build -t <registry>/omni-operator:<version> .
# The tests are not run here: CI runs them (`mvn -B verify`) before an image is built.

FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
# dependencies first, so that a source change does not download them again
COPY pom.xml .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline
COPY src src
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests \
    && cp target/omni-operator.jar /omni-operator.jar \
    && cp target/omni-operator-sbom.json /omni-operator-sbom.json

FROM eclipse-temurin:17-jre
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="omni-operator" \
      org.opencontainers.image.description="Kubernetes operator that manages Omni database connections from OmniConnection resources" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17-jre"
# a fixed numeric user, so that Kubernetes can check runAsNonRoot; the chart runs as 65532 too
RUN groupadd --system --gid 65532 omni \
    && useradd --system --uid 65532 --gid omni --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin omni
COPY --from=build /omni-operator.jar /app/omni-operator.jar
# what the jar carries (CycloneDX), for scanners that read it from the image
COPY --from=build /omni-operator-sbom.json /app/omni-operator-sbom.json
# Start-up: a training run of the sandbox (embedded API, simulator, the bundled examples) records
# the classes the operator loads into a class-data archive, which every start then maps instead of
# loading and verifying them again (about 40 % of the JVM's start on two cores; see
# bench/results.md). A JVM that cannot use the archive ignores it.
COPY examples /tmp/cds-examples
RUN java -XX:ArchiveClassesAtExit=/app/omni-operator.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
       -jar /app/omni-operator.jar sandbox -f /tmp/cds-examples \
    && rm -rf /tmp/cds-examples && chmod 0444 /app/omni-operator.jsa
USER 65532:65532
WORKDIR /tmp
# /healthz, /readyz and /metrics
EXPOSE 8080
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/omni-operator.jsa", "-Xlog:cds=off", \
            "-Xlog:cds+dynamic=off", "-jar", "/app/omni-operator.jar"]
CMD ["run"]
