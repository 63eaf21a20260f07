# syntax=docker/dockerfile:1

# Build a static binary; the runtime image has no libc and no shell.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/lamtheobac ./cmd/lamtheobac

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/lamtheobac /lamtheobac
ENV ADDR=:8080
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/lamtheobac"]
CMD ["serve"]
