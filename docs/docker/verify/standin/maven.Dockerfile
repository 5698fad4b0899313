# Stand-in for maven:3.9-eclipse-temurin-17 (see ../make-standin-images.sh): same Maven line and Java
# version, same paths (JAVA_HOME=/opt/java/openjdk, MAVEN_HOME=/usr/share/maven), but Debian's OpenJDK.
FROM debian-local:bookworm
ARG MAVEN_VERSION=3.9.9
# the host's locally added CAs (may be none), trusted by curl and by Java's cacerts (ca-certificates-java)
COPY local-ca/ /usr/local/share/ca-certificates/
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
         openjdk-17-jdk-headless ca-certificates ca-certificates-java curl \
    && rm -rf /var/lib/apt/lists/* \
    && update-ca-certificates \
    && mkdir -p /opt/java \
    && ln -s /usr/lib/jvm/java-17-openjdk-amd64 /opt/java/openjdk \
    && base=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/${MAVEN_VERSION} \
    && curl -fsSLo /tmp/maven.tar.gz "$base/apache-maven-${MAVEN_VERSION}-bin.tar.gz" \
    && echo "$(curl -fsSL "$base/apache-maven-${MAVEN_VERSION}-bin.tar.gz.sha512")  /tmp/maven.tar.gz" | sha512sum -c - \
    && mkdir -p /usr/share/maven \
    && tar -xzf /tmp/maven.tar.gz -C /usr/share/maven --strip-components=1 \
    && rm /tmp/maven.tar.gz \
    && ln -s /usr/share/maven/bin/mvn /usr/bin/mvn
ENV JAVA_HOME=/opt/java/openjdk \
    MAVEN_HOME=/usr/share/maven \
    LANG=C.UTF-8
CMD ["mvn"]
