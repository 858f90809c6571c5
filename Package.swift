// swift-tools-version: 6.1
// PoseRun: a Pose Method running-gait analyser.
// Data flows one way through the targets:
//   frames (Vision) / files (Formats) → keypoint tracks → Core (clean → events → metrics → assessment)
//   → Report / Coaching → the `poserun` command.
// Core knows nothing of video, files or HTML.
import PackageDescription

/// Compiler-checked layering and explicitness on every target, tests included (as hummingbird does): a file
/// sees only the modules it imports, an existential is spelled `any`, and an import is internal unless it is
/// written `public import` (a public API that exposes a dependency's type says so).
let strictness: [SwiftSetting] = [
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "PoseRun",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "poserun", targets: ["poserun"]),
        .library(name: "PoseRunCore", targets: ["PoseRunCore"]),
        .library(name: "PoseRunPipeline", targets: ["PoseRunPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // The coach's web app (`poserun serve`): HTTP, bcrypt, SQLite.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.0"),
        // The PostgreSQL store (`--database postgres://…`), for a club or clinic that outgrows one machine.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // SHA-256 for the report's Content-Security-Policy hashes and the stored sign-in tokens; zip export.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // Already in the graph through Hummingbird; named because PoseRunServer imports them itself.
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // Pure analysis: keypoint tracks, cleaning, gait events, metrics, assessment. No I/O.
        .target(
            name: "PoseRunCore",
            linkerSettings: [.linkedLibrary("m")]
        ),
        // A synthetic runner with known ground truth, for tests, the demo and curious users.
        .target(name: "PoseRunSynthetic", dependencies: ["PoseRunCore"]),
        // Readers and writers: TRC, C3D, OpenPose JSON, PoseRun keypoints JSON, CSV, analysis JSON.
        .target(name: "PoseRunFormats", dependencies: ["PoseRunCore"]),
        // The project's own C declarations of the LiteRT calls it uses. Header only: the
        // library is opened at run time from the model cache, so building needs no download.
        .systemLibrary(name: "CLiteRT", path: "Sources/CLiteRT"),
        // An 8-bit RGB raster, value type, no I/O: the one frame type of the video reader and the drawing.
        .target(name: "PoseRunImage"),
        // BlazePose on LiteRT, and ffmpeg/ffprobe video I/O.
        .target(name: "PoseRunVision", dependencies: ["PoseRunCore", "PoseRunImage", "CLiteRT"]),
        // HTML report, terminal summary, annotated video.
        .target(name: "PoseRunReport", dependencies: ["PoseRunCore", "PoseRunImage"]),
        // Drills, strength, mobility and barefoot progression: the library (data) and the plan.
        .target(
            name: "PoseRunCoaching",
            dependencies: ["PoseRunCore", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources")]
        ),
        // The application logic the command line and the web app share: input → the whole analysis → the
        // outputs, written all or nothing. Parses no arguments and prints nothing.
        .target(
            name: "PoseRunPipeline",
            dependencies: ["PoseRunCore", "PoseRunFormats", "PoseRunVision", "PoseRunReport", "PoseRunCoaching"]
        ),
        // The coach's web app behind `poserun serve`: sign-in, athletes, sessions, the analysis jobs. HTTP
        // (Hummingbird), passwords (bcrypt), the store (SQLite through GRDB, behind the `Store` protocol), pages
        // rendered on the server; or PostgreSQL (postgres-nio, TLS through NIOSSL) for servers and workers on
        // several machines. The analysis itself is PoseRunPipeline's, as the command line runs it.
        .target(
            name: "PoseRunServer",
            dependencies: [
                "PoseRunPipeline", "PoseRunCore", "PoseRunFormats", "PoseRunCoaching", "PoseRunReport", "PoseRunVision",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        // The command-line tool: argument parsing and printing, over PoseRunPipeline (and PoseRunServer for `serve`).
        .executableTarget(
            name: "poserun",
            dependencies: [
                "PoseRunCore", "PoseRunFormats", "PoseRunSynthetic", "PoseRunVision",
                "PoseRunReport", "PoseRunCoaching", "PoseRunPipeline", "PoseRunServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks that print figures (speed, accuracy against force plates).
        .executableTarget(
            name: "poserun-bench",
            dependencies: ["PoseRunCore", "PoseRunFormats", "PoseRunSynthetic", "PoseRunImage", "PoseRunVision", "PoseRunPipeline"]
        ),

        // Fuzz targets for every reader and the analysis/report path: libFuzzer with scripts/fuzz.sh, a
        // replay tool (`poserun-fuzz TARGET FILE…`) in an ordinary build.
        .executableTarget(name: "poserun-fuzz", dependencies: ["PoseRunCore", "PoseRunFormats", "PoseRunReport"]),

        // What the test targets share: where ../shared/data is, which tools are installed, and one process
        // runner that reads both pipes at once. Foundation and Testing only; no product target depends on it.
        .target(name: "PoseRunTestSupport"),

        .testTarget(name: "PoseRunCoreTests", dependencies: ["PoseRunCore", "PoseRunSynthetic"]),
        .testTarget(
            name: "PoseRunFormatsTests", dependencies: ["PoseRunFormats", "PoseRunCore", "PoseRunSynthetic", "PoseRunTestSupport"]
        ),
        .testTarget(
            name: "PoseRunVisionTests", dependencies: ["PoseRunVision", "PoseRunImage", "PoseRunCore", "PoseRunSynthetic", "PoseRunTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PoseRunReportTests",
            dependencies: ["PoseRunReport", "PoseRunCore", "PoseRunImage", "PoseRunSynthetic", "PoseRunTestSupport"]
        ),
        .testTarget(name: "PoseRunCoachingTests", dependencies: ["PoseRunCoaching", "PoseRunCore", "PoseRunSynthetic"]),
        .testTarget(
            name: "PoseRunServerTests",
            dependencies: [
                "PoseRunServer", "PoseRunCore", "PoseRunCoaching", "PoseRunSynthetic", "PoseRunFormats", "PoseRunTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                // A connection of the tests' own, to hold a row lock while the store claims (SKIP LOCKED).
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // The library's own strictness, tests included (main applies it to every test target).
            swiftSettings: strictness + [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "poserun", "PoseRunPipeline", "PoseRunCore", "PoseRunFormats", "PoseRunImage", "PoseRunSynthetic",
                "PoseRunTestSupport",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where [.regular, .executable, .test].contains(target.type) {
    target.swiftSettings = (target.swiftSettings ?? []) + strictness
}
