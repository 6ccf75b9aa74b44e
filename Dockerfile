# syntax=docker/dockerfile:1
# podlife image: one image for every subcommand; the subcommand is the CMD.
#   docker build -t podlife .
#   docker run --rm podlife --help
#   docker run --rm -e PODLIFE_KAFKA=kafka:9092 ... podlife analyzer
# Configuration comes from PODLIFE_* environment variables (see compose.yaml); extra JVM options from JAVA_TOOL_OPTIONS.

# --- build: the Maven wrapper on a JDK 21 (the toolchains plugin accepts the running JDK as it is >= 21) ---
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
# Sources and the wrapper only (.dockerignore drops target/, .git and the deploy files).
COPY . .
# The cache mount keeps ~/.m2 between builds without baking it into a layer.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests package -pl cli -am

# --- runtime: a JRE, the CLI jar and its runtime dependencies, a non-root user ---
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 podlife \
 && useradd --system --uid 10001 --gid podlife --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin podlife
WORKDIR /app
COPY --from=build /src/cli/target/lib/ /app/lib/
COPY --from=build /src/cli/target/podlife.jar /app/podlife.jar
# Numeric so that Kubernetes' runAsNonRoot can check it.
USER 10001:10001
# The api subcommand listens here (PODLIFE_API_PORT).
EXPOSE 8080
# Size the heap from the container's memory limit; the manifest's Class-Path names lib/*.jar.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/podlife.jar"]
CMD ["--help"]
