# syntax=docker/dockerfile:1
# gremium as a container: a static binary (pure Go, SQLite included) on a
# distroless base, running as a non-root user, data in the volume /data.
#
#   docker build -t gremium --build-arg VERSION=$(git describe --always) .
#   docker run -p 8080:8080 -v gremium-data:/data gremium serve --demo
#
# See docs/operations.md; deploy/compose.yaml runs it with PostgreSQL.

FROM golang:1.26-bookworm AS build
WORKDIR /src
# Modules first: the layer stays cached while only the code changes.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/gremium ./cmd/gremium \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/gremium /usr/local/bin/gremium
# An empty /data owned by the user: a new named volume takes over owner and
# mode from here. A bind-mounted directory must be writable by uid 65532.
COPY --from=build --chown=65532:65532 /out/data /data
ENV GREMIUM_DATA=/data \
    GREMIUM_ADDR=0.0.0.0:8080
VOLUME ["/data"]
EXPOSE 8080
USER 65532:65532
HEALTHCHECK --interval=30s --timeout=6s --start-period=2m CMD ["/usr/local/bin/gremium", "probe"]
ENTRYPOINT ["/usr/local/bin/gremium"]
CMD ["serve"]
