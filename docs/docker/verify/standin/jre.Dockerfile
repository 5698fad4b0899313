# Stand-in for eclipse-temurin:17-jre (see ../make-standin-images.sh): a Debian JRE 17 with what
# docs/docker/Dockerfile relies on from the upstream image: apt-get, useradd, java on the PATH.
# (The upstream image is Ubuntu-based with Temurin; this one is Debian with OpenJDK.)
FROM debian-local:bookworm
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
         openjdk-17-jre-headless ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /opt/java \
    && ln -s /usr/lib/jvm/java-17-openjdk-amd64 /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk \
    LANG=C.UTF-8
CMD ["jshell"]
