// swift-tools-version: 6.0
// The pipeline, bottom to top: C bindings and C kernels → GSL's random numbers → simulator (and its reports) →
// training core (data sets included) → data-set downloads → experiments → command-line tool.
import PackageDescription

let package = Package(
    name: "staleness",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "staleness", targets: ["staleness"]),
        .library(name: "StalenessSimulation", targets: ["StalenessSimulation"]),
        .library(name: "Training", targets: ["Training"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // GSL (random numbers, distributions, fitting) and BLAS through gsl_cblas.h, linked to OpenBLAS.
        .systemLibrary(
            name: "CGSL",
            providers: [.apt(["libgsl-dev", "libopenblas-dev"])]
        ),
        // zlib, for gzip-compressed IDX files and staleness logs.
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // GSL's seeded generator, its samplers and the Walker alias sampler, owned by Swift types (no C
        // pointer leaves the module).
        .target(name: "GSLRandom", dependencies: ["CGSL"]),
        // LeNet-5's non-GEMM kernels in C, built twice from one source: portable, and with
        // __attribute__((target("avx2,fma"))) for CPUs a run-time check finds to have both.
        .target(name: "CVectorKernels"),
        // Writing result files: atomic replacement, CSV tables, JSON.
        .target(name: "ResultFiles"),
        // SVG charts in pure Swift: axes with nice ticks, bars, lines, legends.
        .target(name: "Figures"),
        // Worker-time models, the discrete-event simulator, staleness logs, histograms, fits of count
        // families, calibration, distribution files.
        .target(
            name: "StalenessSimulation",
            dependencies: ["CGSL", "CZlib", "GSLRandom", "ResultFiles", .product(name: "Numerics", package: "swift-numerics")]
        ),
        // What simulate, fit and calibrate write and print: terminal tables, CSV, distribution JSON, SVG figures.
        .target(
            name: "SimulationReports",
            dependencies: ["StalenessSimulation", "ResultFiles", "Figures", .product(name: "Numerics", package: "swift-numerics")]
        ),
        // Kernels, LeNet-5, optimizers, delay models, datasets (IDX files, raw or gzip) and the training loop.
        .target(
            name: "Training",
            dependencies: [
                "CGSL", "CZlib", "CVectorKernels", "GSLRandom", "ResultFiles", "StalenessSimulation",
                .product(name: "Numerics", package: "swift-numerics"),
            ]
        ),
        // Downloading data sets into the cache: mirrors, MD5 checks, atomic installation (the only Crypto user).
        .target(
            name: "DatasetDownload",
            dependencies: ["Training", "ResultFiles", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Sweeps, the SQLite results store, CSV export, figures and the reproduction report.
        .target(
            name: "Experiments",
            dependencies: [
                "StalenessSimulation", "SimulationReports", "Training", "ResultFiles", "Figures",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Thin command-line front end: argument parsing only.
        .executableTarget(
            name: "staleness",
            dependencies: [
                "StalenessSimulation", "SimulationReports", "Training", "DatasetDownload", "ResultFiles", "Experiments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "StalenessSimulationTests",
            dependencies: [
                "StalenessSimulation", "SimulationReports", "GSLRandom", "CGSL", "CZlib",
                .product(name: "Numerics", package: "swift-numerics"),
            ]
        ),
        .testTarget(
            name: "TrainingTests",
            dependencies: ["Training", "GSLRandom", "DatasetDownload", .product(name: "Numerics", package: "swift-numerics")]
        ),
        .testTarget(
            name: "FiguresTests",
            dependencies: ["Figures"]
        ),
        .testTarget(
            name: "ResultFilesTests",
            dependencies: ["ResultFiles"]
        ),
        .testTarget(
            name: "ExperimentsTests",
            dependencies: ["Experiments", "Training", "StalenessSimulation", "GSLRandom", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "CommandLineTests",
            dependencies: ["ResultFiles"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
