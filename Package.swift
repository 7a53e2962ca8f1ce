// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Waybill",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "waybill", targets: ["waybill"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        // OTLP over HTTP only: the gRPC exporter would add grpc-swift to every build.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        // Compiles a target's Resources folder into it, so the executable runs without a resource bundle.
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["EmbedResourcesTool"]),
        .executableTarget(name: "EmbedResourcesTool"),
        .target(
            name: "WaybillCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "WaybillCarriers",
            dependencies: [
                "WaybillCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "WaybillFeeds",
            dependencies: ["WaybillCore", "WaybillCarriers"]
        ),
        .target(
            name: "WaybillStore",
            dependencies: [
                "WaybillCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "WaybillIngest",
            dependencies: [
                "WaybillCore",
                "WaybillStore",
                "WaybillCarriers",
                "WaybillFeeds",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "WaybillNotify",
            dependencies: [
                "WaybillCore",
                "WaybillStore",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            exclude: ["Resources"],  // compiled in by the EmbedResources plugin
            plugins: ["EmbedResources"]
        ),
        .target(
            name: "CarrierSimulator",
            dependencies: [
                "WaybillCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "WaybillServer",
            dependencies: [
                "WaybillCore",
                "WaybillStore",
                "WaybillIngest",
                "WaybillCarriers",
                "WaybillFeeds",
                "WaybillNotify",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["Resources"],  // compiled in by the EmbedResources plugin
            plugins: ["EmbedResources"]
        ),
        .target(
            name: "WaybillCommandSupport",
            dependencies: [
                "WaybillServer",
                "WaybillStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "WaybillBench",
            dependencies: [
                "WaybillCommandSupport",
                "WaybillCore",
                "WaybillCarriers",
                "WaybillStore",
                "WaybillIngest",
                "WaybillServer",
                "WaybillNotify",
                "CarrierSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                // Its C module (VaporCSQLite) for the raw-insert floor of `bench store`.
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .executableTarget(
            name: "waybill",
            dependencies: [
                "WaybillBench",
                "WaybillCommandSupport",
                "WaybillCore",
                "WaybillCarriers",
                "WaybillFeeds",
                "WaybillStore",
                "WaybillIngest",
                "WaybillServer",
                "WaybillNotify",
                "CarrierSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "WaybillInstructions",
            dependencies: [
                "WaybillCarriers",
                "WaybillCore",
                "WaybillFeeds",
                "WaybillStore",
                "WaybillIngest",
                "WaybillNotify",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "WaybillTestSupport",
            dependencies: [
                "WaybillCore",
                "WaybillStore",
                "WaybillCarriers",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/WaybillTestSupport"
        ),
        .testTarget(name: "WaybillCoreTests", dependencies: ["WaybillCore"]),
        .testTarget(
            name: "WaybillFeedsTests",
            dependencies: ["WaybillCore", "WaybillCarriers", "WaybillFeeds", "WaybillTestSupport"],
            exclude: ["Fixtures", "Golden"]  // read at test time from the source tree
        ),
        .testTarget(
            name: "WaybillCarriersTests",
            dependencies: ["WaybillCore", "WaybillCarriers", "WaybillFeeds", "WaybillTestSupport"],
            exclude: ["Fixtures", "Golden"]  // read at test time from the source tree
        ),
        .testTarget(
            name: "WaybillStoreTests",
            dependencies: [
                "WaybillCore", "WaybillStore", "WaybillIngest", "WaybillTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "WaybillServerTests",
            dependencies: [
                "WaybillCore", "WaybillStore", "WaybillIngest", "WaybillServer", "WaybillTestSupport", "WaybillCarriers",
                "WaybillNotify", "CarrierSimulator", "WaybillCommandSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "WaybillIngestTests",
            dependencies: [
                "WaybillCore", "WaybillStore", "WaybillIngest", "WaybillCarriers", "WaybillFeeds", "WaybillNotify", "CarrierSimulator",
                "WaybillTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "WaybillNotifyTests",
            dependencies: [
                "WaybillCore", "WaybillStore", "WaybillIngest", "WaybillNotify", "WaybillTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "CarrierSimulatorTests",
            dependencies: [
                "WaybillCore", "WaybillCarriers", "CarrierSimulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
